import type { ParamsIn } from '../../../../shared/contract/requests.ts';
import { type RolloutStrategy, rolloutStrategySchema } from '../../../../shared/domain/changeset.ts';
import type { ManifestFile } from '../../components/ManifestFilesButton.tsx';

/** What the operator has typed into the New change set form (numbers as typed). */
export interface ChangeSetDraft {
  title: string;
  description: string;
  /** Manifests typed or pasted into the form. */
  text: string;
  /** Manifest files loaded from disk, sent as they are. */
  loaded: ManifestFile[];
  strategy: RolloutStrategy['kind'];
  percent: string;
  canaryBots: string;
  healthTimeoutSec: string;
  bakeSec: string;
}

export const emptyDraft: ChangeSetDraft = {
  title: '',
  description: '',
  text: '',
  loaded: [],
  strategy: 'all',
  percent: '25',
  canaryBots: '1',
  healthTimeoutSec: '120',
  bakeSec: '30',
};

/** The name the typed manifests go by in the host's messages. */
export const TYPED_FILE = 'change-set.yaml';

export const strategyKinds: readonly { kind: RolloutStrategy['kind']; label: string }[] = [
  { kind: 'all', label: 'All at once' },
  { kind: 'percentage', label: 'Percentage waves' },
  { kind: 'canary', label: 'Canary first' },
];

/** The strategy the draft names; its number is the host's to check. */
export function strategyOf(d: ChangeSetDraft): RolloutStrategy {
  if (d.strategy === 'percentage') return { kind: 'percentage', percent: Number(d.percent) };
  if (d.strategy === 'canary') return { kind: 'canary', bots: Number(d.canaryBots) };
  return { kind: 'all' };
}

/** The draft's strategy when its number is one the host takes, else null. */
export function validStrategy(d: ChangeSetDraft): RolloutStrategy | null {
  const parsed = rolloutStrategySchema.safeParse(strategyOf(d));
  return parsed.success ? parsed.data : null;
}

/** The files the change set records: the loaded ones, then what was typed (when anything was). */
export function filesOf(d: ChangeSetDraft): ManifestFile[] {
  return d.text.trim() === '' ? d.loaded : [...d.loaded, { name: TYPED_FILE, text: d.text }];
}

/** The `changeset.create` request for a draft. */
export function createParams(d: ChangeSetDraft): ParamsIn<'changeset.create'> {
  return {
    title: d.title,
    description: d.description,
    files: filesOf(d),
    strategy: strategyOf(d),
    healthTimeoutSec: Number(d.healthTimeoutSec),
    bakeSec: Number(d.bakeSec),
  };
}
