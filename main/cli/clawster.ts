import { parseArgs } from 'node:util';
import { AppError } from '../../shared/contract/errors.ts';
import { appVersion } from '../version.ts';
import { parsePort } from './args.ts';
import { awsInit } from './aws-init.ts';
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
  version  Print the version
`;

function fail(message: string): never {
  process.stderr.write(`clawster: ${message}\n`);
  process.exit(2);
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
