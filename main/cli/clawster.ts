import { parseArgs } from 'node:util';
import { AppError } from '../../shared/contract/errors.ts';
import { appVersion } from '../version.ts';
import { parsePort } from './args.ts';
import { serve } from './serve.ts';

const usage = `Usage: clawster <command> [options]

Commands:
  serve    Run the control plane headless and serve the app on a loopback URL
           --data-dir DIR   where the database and logs live (default: the app's data folder)
           --port N         port on 127.0.0.1 (default: a free one)
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
