import { join, resolve } from 'node:path';
import { createControlPlane } from '../control-plane.ts';
import { startWsHost } from '../hosts/ws-host.ts';
import { fileSink } from '../log/file-sink.ts';
import { createLogger } from '../log/logger.ts';
import { defaultDataDir, defaultRendererDir } from '../paths.ts';
import { DEFAULT_RECONCILE_SCHEDULE } from '../reconciler/schedule.ts';

export interface ServeArgs {
  dataDir?: string | undefined;
  port?: number | undefined;
  staticDir?: string | undefined;
}

/** `clawster serve`: the control plane behind the loopback host, until SIGINT or SIGTERM. */
export async function serve(args: ServeArgs): Promise<void> {
  const dataDir = resolve(args.dataDir ?? defaultDataDir());
  const log = createLogger({ sink: fileSink(join(dataDir, 'logs', 'clawster.log')) });
  const cp = createControlPlane({ dataDir, log, host: 'web', reconcileSchedule: DEFAULT_RECONCILE_SCHEDULE });
  void cp
    .resume()
    .then((r) => log.info('local bots resumed', r))
    .catch((e: unknown) =>
      log.error('resuming local bots failed', { error: e instanceof Error ? e.message : String(e) }),
    );
  const host = await startWsHost({
    dispatch: cp.dispatch,
    onEvent: cp.onEvent,
    log: log.child('ws-host'),
    staticDir: resolve(args.staticDir ?? defaultRendererDir),
    port: args.port ?? 0,
  });
  log.info('serving', { port: host.port, dataDir });
  process.stdout.write(`Clawster listening on ${host.url}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    await host.close();
    cp.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
