import { eq } from 'drizzle-orm';
import type { AlertInput } from '../../shared/alerts/alerts.ts';
import { AppError } from '../../shared/contract/errors.ts';
import {
  countFindings,
  findingKey,
  type OpenclawChecksReport,
  openclawChecksReportSchema,
} from '../../shared/domain/openclaw-checks.ts';
import type { Logger } from '../log/logger.ts';
import type { Db } from '../store/database.ts';
import { openclawChecks } from '../store/schema.ts';
import type { Mutator } from '../store/unit-of-work.ts';
import type { LocalTarget } from '../targets/local/local-target.ts';
import { deployableBot } from './deployable-bot.ts';
import { getRuntime } from './runtime-store.ts';

/**
 * OpenClaw's own checks of local bots: `openclaw security audit` and `openclaw doctor`, after
 * every deploy (in the background) and when the operator asks. The last report of each bot is
 * kept; a critical finding that was not in the report before raises an alert. One run per bot at
 * a time: asking again while one runs gets that run's report.
 */
export interface ChecksServiceDeps {
  db: Db;
  mutate: Mutator;
  log: Logger;
  target: Pick<LocalTarget, 'openclawChecks'>;
}

/** Each run starts two `openclaw` processes of ~1 CPU each: this many bots are checked at once. */
const AT_ONCE = 2;

export function createChecksService(deps: ChecksServiceDeps) {
  const running = new Map<string, { done: Promise<OpenclawChecksReport>; abort: AbortController }>();
  /** Bots deployed again while their checks ran: checked once more afterwards. */
  const again = new Set<string>();
  let active = 0;
  const queue: (() => void)[] = [];
  const slot = async (abort: AbortController): Promise<() => void> => {
    if (active >= AT_ONCE) await new Promise<void>((resolve) => queue.push(resolve));
    if (abort.signal.aborted) throw new AppError('UNAVAILABLE', 'The checks were stopped.');
    active++;
    return () => {
      active--;
      queue.shift()?.();
    };
  };

  const botOf = (id: string) => deployableBot(deps.db, id);

  function last(id: string): OpenclawChecksReport | null {
    const row = deps.db.select().from(openclawChecks).where(eq(openclawChecks.botId, id)).get();
    if (!row) return null;
    const parsed = openclawChecksReportSchema.safeParse(row.report);
    return parsed.success ? parsed.data : null;
  }

  async function perform(id: string, trigger: OpenclawChecksReport['trigger'], abort: AbortController) {
    const bot = botOf(id);
    const release = await slot(abort);
    let outcome: Awaited<ReturnType<ChecksServiceDeps['target']['openclawChecks']>>;
    try {
      outcome = await deps.target.openclawChecks(id, abort.signal);
    } finally {
      release();
    }
    const before = new Set(
      (last(id)?.findings ?? []).filter((f) => f.severity === 'critical').map(findingKey),
    );
    const newCritical = outcome.findings
      .filter((f) => f.severity === 'critical' && !before.has(findingKey(f)))
      .map(findingKey);
    return deps.mutate((tx) => {
      const report: OpenclawChecksReport = {
        botId: id,
        ranAt: tx.now,
        openclawVersion: outcome.version,
        trigger,
        findings: outcome.findings,
        counts: countFindings(outcome.findings),
        failures: outcome.failures,
        newCritical,
      };
      tx.db
        .insert(openclawChecks)
        .values({ botId: id, ranAt: tx.now, report })
        .onConflictDoUpdate({ target: openclawChecks.botId, set: { ranAt: tx.now, report } })
        .run();
      tx.emit('bot.checks.changed', report);
      if (newCritical.length > 0) {
        const first = outcome.findings.find((f) => findingKey(f) === newCritical[0]);
        const alert: AlertInput = {
          kind: 'checks.critical',
          severity: 'critical',
          fleetId: bot.fleetId,
          fleetName: bot.fleet,
          botId: bot.id,
          botName: bot.name,
          detail: `${newCritical.length} new critical: ${first?.title ?? newCritical[0]}`,
        };
        tx.emit('alert.raised', alert);
      }
      return report;
    });
  }

  function run(id: string, trigger: OpenclawChecksReport['trigger']): Promise<OpenclawChecksReport> {
    botOf(id);
    const runtime = getRuntime(deps.db, id);
    if (runtime?.target !== 'local')
      throw new AppError(
        'PRECONDITION',
        "OpenClaw's own checks run on this machine for bots deployed here. Deploy the bot first.",
      );
    const current = running.get(id);
    if (current) {
      // A deploy during a run changed what is checked: run again when this one ends.
      if (trigger === 'deploy') again.add(id);
      return current.done;
    }
    const abort = new AbortController();
    const done = perform(id, trigger, abort).finally(() => {
      running.delete(id);
      if (again.delete(id) && !abort.signal.aborted) afterDeploy(id);
    });
    running.set(id, { done, abort });
    return done;
  }

  /** After a deploy: runs in the background; a failure is logged, the deploy stands. */
  function afterDeploy(id: string): void {
    void (async () => {
      try {
        await run(id, 'deploy');
      } catch (e) {
        deps.log.warn('OpenClaw checks after a deploy did not run', { botId: id, error: String(e) });
      }
    })();
  }

  return {
    get(p: { id: string }): OpenclawChecksReport | null {
      botOf(p.id);
      return last(p.id);
    },
    run: (p: { id: string }) => run(p.id, 'operator'),
    afterDeploy,
    /** Stops running checks and waits for them to settle. */
    async close(): Promise<void> {
      const all = [...running.values()];
      again.clear();
      for (const r of all) r.abort.abort();
      for (const wake of queue.splice(0)) wake();
      await Promise.allSettled(all.map((r) => r.done));
    },
  };
}
export type ChecksService = ReturnType<typeof createChecksService>;
