import { listBotRecords } from './bot-record.ts';
import { botPaths } from './paths.ts';
import { checkIdentity, readPidFile, removePidFile } from './pidfile.ts';
import { probeLive, stopGroup } from './process.ts';
import type { Supervisor } from './supervisor.ts';

export interface AdoptReport {
  /** Running gateways found and taken over. */
  adopted: Array<{ botId: string; pid: number; port: number }>;
  /** Bots that should have been running but were not: the caller restarts those it wants running. */
  dead: Array<{ botId: string; reason: string; desired: 'running' | 'stopped' }>;
}

/**
 * After an app restart: every bot with a pid file whose process is alive, is the same process
 * (start time, command line) and answers /healthz on its port is adopted; the others are marked
 * failed with the reason, and their leftovers (a pid file, a stuck process group) removed.
 */
export async function adoptRunning(
  sup: Supervisor,
  dataDir: string,
  o: { probeTimeoutMs: number },
): Promise<AdoptReport> {
  const report: AdoptReport = { adopted: [], dead: [] };
  for (const rec of await listBotRecords(dataDir)) {
    if (sup.live.has(rec.botId)) continue;
    await sup.exclusive(rec.botId, async () => {
      const p = botPaths(dataDir, rec.botId);
      const pidRec = await readPidFile(p.pidFile);
      let reason: string;
      if (pidRec) {
        const id = await checkIdentity(pidRec);
        if (id.alive) {
          const live = await waitLive(pidRec.port, o.probeTimeoutMs);
          if (live) {
            sup.adopt(rec.botId, pidRec);
            report.adopted.push({ botId: rec.botId, pid: pidRec.pid, port: pidRec.port });
            await sup.transition(
              rec,
              'running',
              `adopted after an app restart (pid ${pidRec.pid}, port ${pidRec.port})`,
            );
            return;
          }
          await stopGroup(pidRec.pid, { graceMs: 5000 });
          reason = `its gateway (pid ${pidRec.pid}) did not answer /healthz on port ${pidRec.port} and was stopped`;
        } else reason = `its gateway was gone when Clawster started: ${id.reason}`;
        await removePidFile(p.pidFile);
      } else if (rec.phase === 'running' || rec.phase === 'starting' || rec.phase === 'stopping')
        reason = 'its gateway was gone when Clawster started (no pid file)';
      else return;
      await sup.fail(rec, 'UNAVAILABLE', `Not running: ${reason}.`);
      report.dead.push({ botId: rec.botId, reason, desired: rec.desired });
    });
  }
  return report;
}

async function waitLive(port: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if ((await probeLive(port)).ok) return true;
    if (Date.now() >= until) return false;
    await new Promise<void>((resolve) => setTimeout(resolve, 500));
  }
}
