import type { Db } from '../store/database.ts';
import type { LocalTarget } from '../targets/local/local-target.ts';
import { getRuntime } from './runtime-store.ts';
import type { Move } from './transitions.ts';

export interface ResumeReport {
  adopted: string[];
  restarted: string[];
  failed: string[];
}

/**
 * After the app starts: running gateways are adopted (and watched again); bots that died while
 * the app was closed are started again when they should be running, and recorded as errors if
 * they cannot be.
 */
export async function resumeBots(deps: {
  db: Db;
  target: Pick<LocalTarget, 'adopt'>;
  gateways: { attach(botId: string): void };
  move: Move;
  start(botId: string): Promise<unknown>;
}): Promise<ResumeReport> {
  const report = await deps.target.adopt();
  const out: ResumeReport = { adopted: [], restarted: [], failed: [] };
  for (const a of report.adopted) {
    const r = getRuntime(deps.db, a.botId);
    if (!r) continue;
    if (r.state !== 'running')
      deps.move(a.botId, {
        to: 'running',
        cause: 'adopt',
        message: `Found running on port ${a.port} after the app started`,
      });
    deps.gateways.attach(a.botId);
    out.adopted.push(a.botId);
  }
  for (const d of report.dead) {
    const r = getRuntime(deps.db, d.botId);
    if (r?.desiredState !== 'running') continue;
    if (r.state === 'running' || r.state === 'degraded')
      deps.move(d.botId, {
        to: 'error',
        cause: 'adopt',
        message: `Not running after the app started: ${d.reason}`,
        set: { startedAt: null },
      });
    try {
      await deps.start(d.botId);
      out.restarted.push(d.botId);
    } catch {
      out.failed.push(d.botId);
    }
  }
  return out;
}
