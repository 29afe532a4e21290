import type { ChangeSetInfo } from '../../../../shared/domain/changeset.ts';
import { waveSizes } from '../../../../shared/rollout/waves.ts';
import { plural } from '../../lib/format.ts';
import { strategyExplanation } from './changeset-labels.ts';

/** A draft's waves for the bots it affects, before anything starts. */
export function WavePreview({ changeSet }: { changeSet: Pick<ChangeSetInfo, 'botsChanged' | 'strategy'> }) {
  const sizes = waveSizes(changeSet.botsChanged, changeSet.strategy);
  return (
    <section className="section" aria-label="Planned waves">
      <div className="section-header">
        <h2>Planned waves</h2>
      </div>
      <p className="muted">{strategyExplanation(changeSet.strategy)}</p>
      {sizes.length === 0 ? (
        <p>No bot's config changes: starting applies the manifests and redeploys nothing.</p>
      ) : (
        <>
          <ol className="wave-preview" data-testid="wave-preview">
            {sizes.map((n, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a wave is its position
              <li key={i}>
                Wave {i + 1}: {plural(n, 'bot')}
              </li>
            ))}
          </ol>
          <p className="field-hint">
            For the {plural(changeSet.botsChanged, 'bot')} whose config changes. Only running deployed bots
            are redeployed (stopped ones take the change at their next deploy), and the waves are worked out
            again over those when the rollout starts.
          </p>
        </>
      )}
    </section>
  );
}
