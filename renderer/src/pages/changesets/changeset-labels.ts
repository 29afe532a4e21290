import type {
  ChangeSetStatus,
  ChangeSetSummary,
  RolloutBotStatus,
  RolloutStrategy,
} from '../../../../shared/domain/changeset.ts';
import { plural } from '../../lib/format.ts';

/** A change set's status as the operator reads it. */
export const statusLabels: Readonly<Record<ChangeSetStatus, string>> = {
  draft: 'Draft',
  'rolling-out': 'Rolling out',
  completed: 'Completed',
  'rolling-back': 'Rolling back',
  'rolled-back': 'Rolled back',
  failed: 'Failed',
  discarded: 'Discarded',
};

/** The badge colour of each status: under way in the accent, done in green, trouble in amber or red. */
export const statusBadgeClass: Readonly<Record<ChangeSetStatus, string>> = {
  draft: 'badge',
  'rolling-out': 'badge badge-new',
  completed: 'badge badge-ok',
  'rolling-back': 'badge badge-warn',
  'rolled-back': 'badge badge-warn',
  failed: 'badge badge-critical',
  discarded: 'badge',
};

/** One bot's step in a rollout, and the dot beside it (the fleet table's health colours). */
export const botStatusLabels: Readonly<Record<RolloutBotStatus, string>> = {
  pending: 'Pending',
  updating: 'Updating',
  healthy: 'Healthy',
  failed: 'Failed',
  skipped: 'Skipped',
  'rolled-back': 'Rolled back',
};

export const botStatusClass: Readonly<Record<RolloutBotStatus, string>> = {
  pending: 'health',
  updating: 'health health-connecting',
  healthy: 'health health-healthy',
  failed: 'health health-down',
  skipped: 'health',
  'rolled-back': 'health health-degraded',
};

/** "All at once", "25% waves", "Canary (1 bot)". */
export function strategyLabel(s: RolloutStrategy): string {
  switch (s.kind) {
    case 'all':
      return 'All at once';
    case 'percentage':
      return `${s.percent}% waves`;
    case 'canary':
      return `Canary (${plural(s.bots, 'bot')})`;
  }
}

/** What a strategy does, in a sentence, before the number of bots is known. */
export function strategyExplanation(s: RolloutStrategy): string {
  switch (s.kind) {
    case 'all':
      return 'Every bot the change affects is redeployed in one wave.';
    case 'percentage':
      return `Waves of ${s.percent}% of the affected bots each (rounded up, at least one bot); each wave starts when the one before is healthy.`;
    case 'canary':
      return `${plural(s.bots, 'canary bot')} first; when ${s.bots === 1 ? 'it is' : 'they are'} healthy, all the other affected bots in one wave.`;
  }
}

/** "3/10 healthy", with the failed and rolled-back bots when there are any; a draft says how many bots it affects. */
export function progressLabel(cs: Pick<ChangeSetSummary, 'status' | 'botsChanged' | 'counts'>): string {
  const c = cs.counts;
  const total = Object.values(c).reduce((n, k) => n + k, 0);
  if (total === 0)
    return cs.status === 'draft' || cs.status === 'discarded'
      ? `${plural(cs.botsChanged, 'bot')} affected`
      : 'No bot to update';
  const extra = [
    c.failed > 0 ? `${c.failed} failed` : '',
    c['rolled-back'] > 0 ? `${c['rolled-back']} rolled back` : '',
  ].filter(Boolean);
  return `${c.healthy}/${total} healthy${extra.length > 0 ? ` · ${extra.join(' · ')}` : ''}`;
}
