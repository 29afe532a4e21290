import { parseArgs } from 'node:util';
import { AppError } from '../../shared/contract/errors.ts';
import { appVersion } from '../version.ts';
import { apply } from './apply.ts';
import { parseApplyArgs, parseExportArgs, parsePort } from './args.ts';
import { awsInit } from './aws-init.ts';
import { exportManifests } from './export.ts';
import { serve } from './serve.ts';

const usage = `Usage: clawster <command> [options]

Commands:
  serve    Run the control plane headless and serve the app on a loopback URL
           --data-dir DIR   where the database and logs live (default: the app's data folder)
           --port N         port on 127.0.0.1 (default: a free one)
  aws init Create (once) the AWS resources bots on ECS need, and record their ARNs
           --region R       the AWS region, e.g. eu-west-1 (required)
           --profile P      use this ~/.aws profile instead of the credentials saved in Settings > AWS
           --data-dir DIR   as for serve
  apply    Apply manifests (Template, Profile, Overlay, Bot) from YAML or JSON files, all or nothing
           -f PATH          a file, or a folder read recursively (*.yaml, *.yml, *.json); repeatable
           --dry-run        print the plan (diffs and policy findings) and change nothing
           --data-dir DIR   as for serve
           Exit status: 0 applied (or a clean dry run), 1 refused or invalid, 2 usage error
  export   Write every manifest as YAML files into a folder (templates/, profiles/, overlays/, bots/)
           FOLDER           where to write; must be empty unless --force
           --force          write into a folder that holds files (overwriting those of the export)
           --data-dir DIR   as for serve
  version  Print the version
`;

function fail(message: string): never {
  process.stderr.write(`clawster: ${message}\n`);
  process.exit(2);
}

/**
 * Runs a command that returns its exit code. A VALIDATION error thrown before the control plane
 * answered is a usage error (exit 2); any other error is the command failing (exit 1).
 */
async function notUsage(run: () => Promise<0 | 1>): Promise<0 | 1> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AppError && e.code === 'VALIDATION') throw e;
    process.stderr.write(`clawster: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({
        args: rest,
        options: {
          'data-dir': { type: 'string' },
          port: { type: 'string' },
          'static-dir': { type: 'string' },
        },
        strict: true,
      });
      await serve({
        dataDir: values['data-dir'],
        port: parsePort(values.port),
        staticDir: values['static-dir'],
      });
      return;
    }
    case 'aws': {
      const [sub, ...opts] = rest;
      if (sub !== 'init') fail(`unknown aws command "${sub ?? ''}"; try "clawster aws init --region R"`);
      const { values } = parseArgs({
        args: opts,
        options: { region: { type: 'string' }, profile: { type: 'string' }, 'data-dir': { type: 'string' } },
        strict: true,
      });
      await awsInit({ region: values.region, profile: values.profile, dataDir: values['data-dir'] });
      return;
    }
    case 'apply':
      process.exitCode = await notUsage(() => apply(parseApplyArgs(rest)));
      return;
    case 'export':
      process.exitCode = await notUsage(() => exportManifests(parseExportArgs(rest)));
      return;
    case 'version':
    case '--version':
      process.stdout.write(`${appVersion}\n`);
      return;
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(usage);
      return;
    default:
      fail(`unknown command "${command}"\n\n${usage}`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof AppError) fail(e.message);
  fail(e instanceof Error ? e.message : String(e));
});
