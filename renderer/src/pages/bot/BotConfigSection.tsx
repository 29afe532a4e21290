import { useEffect, useState } from 'react';
import type { ResultOf } from '../../../../shared/contract/requests.ts';
import type { Bot } from '../../../../shared/domain/bot.ts';
import { href } from '../../app/router.ts';
import { useClient, useGeneration } from '../../app/services.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FindingRows } from '../config/FindingRows.tsx';
import { PlanDialog } from '../config/PlanDialog.tsx';
import { useApply } from '../config/use-apply.ts';

type Explain = ResultOf<'bot.explain'>;

/**
 * "Explain": the bot's resolved openclaw.json, each value with the layer that set it, and its
 * policy findings. A bot without config is configured here by picking a template and a profile.
 */
export function BotConfigSection({ bot, fleetName }: { bot: Bot; fleetName: string }) {
  const client = useClient();
  const generation = useGeneration();
  const [x, setX] = useState<Explain | null>(null);
  const [filter, setFilter] = useState('');
  const [templates, setTemplates] = useState<string[]>([]);
  const [profiles, setProfiles] = useState<string[]>([]);
  const [template, setTemplate] = useState('minimal');
  const [profile, setProfile] = useState('');
  useEffect(() => {
    if (generation === 0) return;
    const load = () => {
      void client.invoke('bot.explain', { id: bot.id }).then((r) => r.ok && setX(r.value));
      void client.invoke('manifest.list', {}).then((r) => {
        if (!r.ok) return;
        setTemplates(r.value.filter((m) => m.kind === 'Template').map((m) => m.name));
        setProfiles(r.value.filter((m) => m.kind === 'Profile').map((m) => m.name));
      });
    };
    load();
    return client.on('manifest.changed', load);
  }, [client, generation, bot.id]);
  const flow = useApply(() => {});
  const configure = () =>
    void flow.review([
      {
        name: `${bot.name}.yaml`,
        text: `apiVersion: clawster.dev/v1\nkind: Bot\nmetadata:\n  name: ${JSON.stringify(bot.name)}\n  fleet: ${JSON.stringify(fleetName)}\nspec:\n  template: ${template}\n${profile ? `  profile: ${profile}\n` : ''}`,
      },
    ]);

  if (!x) return null;
  return (
    <section className="section" aria-label="Config">
      <div className="section-header">
        <h2>Config</h2>
        {x.configured ? (
          <a className="btn" href={href.manifest('Bot', bot.id)}>
            Edit manifest
          </a>
        ) : null}
      </div>
      <ErrorNotice message={flow.error?.message ?? null} />
      {!x.configured ? (
        <div data-testid="configure-bot">
          <p>This bot has no config yet. Pick the layers it is resolved from.</p>
          <label>
            Template{' '}
            <select value={template} onChange={(e) => setTemplate(e.target.value)} aria-label="Template">
              {templates.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>{' '}
          <label>
            Profile{' '}
            <select value={profile} onChange={(e) => setProfile(e.target.value)} aria-label="Profile">
              <option value="">(none)</option>
              {profiles.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>{' '}
          <button type="button" className="btn btn-primary" onClick={configure} disabled={flow.busy}>
            Configure
          </button>
        </div>
      ) : (
        <>
          <p className="muted">Layers: {x.layers.map((l) => `${l.kind} ${l.name}`).join(' → ') || '—'}</p>
          {x.problems.map((p) => (
            <p key={p.message} className="field-error">
              {p.message}
            </p>
          ))}
          <FindingRows findings={x.findings} />
          <input
            type="search"
            placeholder="Filter paths"
            aria-label="Filter paths"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <table className="table" aria-label="Resolved config">
            <tbody>
              {x.lines
                .filter((l) => l.path.includes(filter))
                .map((l) => (
                  <tr key={l.path} data-testid="explain-line">
                    <td>
                      <code>{l.path}</code>
                    </td>
                    <td>
                      <code>{JSON.stringify(l.value)}</code>
                    </td>
                    <td className="muted">{l.layer ? `${l.layer.kind} ${l.layer.name}` : ''}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
      {flow.plan ? (
        <PlanDialog
          plan={flow.plan}
          busy={flow.busy}
          onApply={() => void flow.apply()}
          onClose={flow.cancel}
        />
      ) : null}
    </section>
  );
}
