import { AppError } from '../../shared/contract/errors.ts';
import type { Params, ResultOf } from '../../shared/contract/requests.ts';
import type { BotRuntime } from '../../shared/domain/lifecycle.ts';
import { findRow } from '../bots/bot-service.ts';
import { forEachLimited } from '../concurrency.ts';
import type { Db } from '../store/database.ts';
import type { DeployService } from './deploy-service.ts';

/** Gateways that start at once on one workstation (each takes ~1 GB and a core while starting). */
const STARTING_AT_ONCE = 2;
const STOPPING_AT_ONCE = 8;

/**
 * One action over many bots, a few at a time, each bot's outcome its own result: one failing bot
 * never stops the others. Progress reaches clients as each bot's bot.runtime.changed.
 */
export async function bulkAction(
  db: Db,
  deploy: DeployService,
  p: Params<'bot.bulk'>,
): Promise<ResultOf<'bot.bulk'>> {
  const ids = [...new Set(p.ids)];
  const run = async (id: string): Promise<BotRuntime | null> => {
    switch (p.action) {
      case 'deploy':
      case 'redeploy':
        return deploy.deploy({ id });
      case 'start':
        return deploy.start({ id });
      case 'stop':
        return deploy.stop({ id });
      case 'restart':
        return deploy.restart({ id });
      case 'destroy':
        await deploy.destroy({ id, confirmName: findRow(db, id).name });
        return null;
    }
  };
  const results: ResultOf<'bot.bulk'>['results'] = new Array(ids.length);
  const width = p.action === 'stop' || p.action === 'destroy' ? STOPPING_AT_ONCE : STARTING_AT_ONCE;
  await forEachLimited(ids, width, async (id, i) => {
    try {
      results[i] = { botId: id, ok: true, runtime: await run(id) };
    } catch (e) {
      const err =
        e instanceof AppError ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e));
      results[i] = { botId: id, ok: false, error: { code: err.code, message: err.message } };
    }
  });
  return { results };
}
