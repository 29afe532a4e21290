import { join, resolve } from 'node:path';
import { type ControlPlane, type ControlPlaneOptions, createControlPlane } from '../control-plane.ts';
import { fileSink } from '../log/file-sink.ts';
import { createLogger } from '../log/logger.ts';
import { defaultDataDir } from '../paths.ts';

/**
 * Runs `fn` against the control plane of a data directory (the app's by default), in this
 * process, logging to the data directory's log file; closes it afterwards.
 */
export async function withControlPlane<T>(
  dataDirArg: string | undefined,
  fn: (cp: ControlPlane) => Promise<T>,
  extra: Partial<ControlPlaneOptions> = {},
): Promise<T> {
  const dataDir = resolve(dataDirArg ?? defaultDataDir());
  const log = createLogger({ sink: fileSink(join(dataDir, 'logs', 'clawster.log')) });
  const cp = createControlPlane({ dataDir, log, host: 'web', ...extra });
  try {
    return await fn(cp);
  } finally {
    await cp.close();
  }
}
