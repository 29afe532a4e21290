import type { RolloutBot } from '../../../../shared/domain/changeset.ts';
import { countByStatus } from '../../../../shared/domain/changeset.ts';
import { href } from '../../app/router.ts';
import { formatDateTime } from '../../lib/format.ts';
import { botStatusClass, botStatusLabels } from './changeset-labels.ts';

/** The bots of a rollout by wave, in order. */
function byWave(bots: readonly RolloutBot[]): [number, RolloutBot[]][] {
  const waves = new Map<number, RolloutBot[]>();
  for (const b of bots) {
    const wave = waves.get(b.wave);
    if (wave) wave.push(b);
    else waves.set(b.wave, [b]);
  }
  return [...waves.entries()].sort(([a], [b]) => a - b);
}

/** Each bot of a started change set, wave by wave: where its update stands, and why when it stopped. */
export function RolloutWaves({ bots }: { bots: readonly RolloutBot[] }) {
  return (
    <section className="section" aria-label="Rollout">
      <div className="section-header">
        <h2>Rollout</h2>
      </div>
      {byWave(bots).map(([wave, rows]) => {
        const counts = countByStatus(rows);
        return (
          <div key={wave} className="rollout-wave" data-testid="rollout-wave" data-wave={wave}>
            <h3>
              Wave {wave}{' '}
              <span className="muted">
                · {counts.healthy}/{rows.length} healthy
              </span>
            </h3>
            <div className="table-card">
              <table className="table" aria-label={`Wave ${wave}`}>
                <thead>
                  <tr>
                    <th scope="col">Bot</th>
                    <th scope="col">Fleet</th>
                    <th scope="col">Status</th>
                    <th scope="col">Message</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((b) => (
                    <tr key={b.botId} data-testid="rollout-bot" data-bot-name={b.botName}>
                      <th scope="row" className="name-cell">
                        <a href={href.bot(b.botId)}>{b.botName}</a>
                      </th>
                      <td>
                        <a href={href.fleet(b.fleetId)}>{b.fleetName}</a>
                      </td>
                      <td data-testid="rollout-bot-status">
                        <span className={botStatusClass[b.status]}>{botStatusLabels[b.status]}</span>
                      </td>
                      <td className={b.status === 'failed' ? 'field-error' : 'muted'}>{b.message ?? ''}</td>
                      <td className="muted">{b.updatedAt ? formatDateTime(b.updatedAt) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
    </section>
  );
}
