import { eq } from 'drizzle-orm';
import { AppError } from '../../shared/contract/errors.ts';
import type { Db } from '../store/database.ts';
import { bots, fleets } from '../store/schema.ts';

/** Paths of a bot's config its target fills itself (the gateway's own auth): never bound as operator secrets. */
export const TARGET_OWNED_PATHS: readonly string[] = ['gateway.auth.token', 'gateway.auth.password'];

/** A bot with what deploying it needs from its fleet: name, environment and where it runs. */
export function deployableBot(db: Db, id: string) {
  const row = db
    .select({
      id: bots.id,
      name: bots.name,
      fleetId: fleets.id,
      fleet: fleets.name,
      environment: fleets.environment,
      target: fleets.target,
    })
    .from(bots)
    .innerJoin(fleets, eq(fleets.id, bots.fleetId))
    .where(eq(bots.id, id))
    .get();
  if (!row) throw new AppError('NOT_FOUND', `No bot with id "${id}". It may have been deleted.`);
  return row;
}
