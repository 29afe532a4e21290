import { useEffect, useState } from 'react';
import type { ManifestSummary } from '../../../../shared/domain/manifest.ts';
import { href } from '../../app/router.ts';
import { useClient, useGeneration } from '../../app/services.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { type ManifestFile, ManifestFilesButton } from '../../components/ManifestFilesButton.tsx';
import { Loading, PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { PlanDialog } from './PlanDialog.tsx';
import { useApply } from './use-apply.ts';

const kinds = [
  ['Template', 'Templates'],
  ['Profile', 'Profiles'],
  ['Overlay', 'Overlays'],
] as const;

/** Templates, profiles and overlays: list, import and export. Bots' own manifests are on their fleet. */
export function ConfigPage() {
  const client = useClient();
  const generation = useGeneration();
  const [list, setList] = useState<ManifestSummary[] | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = () =>
    void client.invoke('manifest.list', {}).then((r) => {
      if (r.ok) setList(r.value);
    });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on reconnect and on every manifest change
  useEffect(() => {
    if (generation === 0) return;
    load();
    return client.on('manifest.changed', load);
  }, [client, generation]);
  const flow = useApply((plan) =>
    setDone(`Applied: ${plan.manifests.filter((m) => m.action !== 'unchanged').length} manifest(s) changed.`),
  );

  const importFiles = async (files: ManifestFile[]) => {
    setDone(null);
    await flow.review(files);
  };
  const exportAll = async () => {
    const r = await client.invoke('manifest.export', {});
    if (!r.ok) return;
    const bundle = r.value.files.map((f) => `# ${f.path}\n${f.text}`).join('---\n');
    const url = URL.createObjectURL(new Blob([bundle], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'clawster-manifests.yaml';
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <>
      <PageHeader
        title="Config"
        subtitle="Templates, profiles and overlays: the layers every bot's openclaw.json is resolved from. `clawster export <folder>` writes one file per manifest."
        actions={
          <>
            <ManifestFilesButton label="Import manifests" onFiles={(files) => void importFiles(files)}>
              Import…
            </ManifestFilesButton>
            <button type="button" className="btn" onClick={() => void exportAll()}>
              Export all
            </button>
          </>
        }
      />
      {done ? <p role="status">{done}</p> : null}
      <ErrorNotice message={flow.error?.message ?? null} />
      {list === null ? <Loading label="Loading manifests…" /> : null}
      {list
        ? kinds.map(([kind, title]) => (
            <section key={kind} className="section" aria-label={title}>
              <div className="section-header">
                <h2>{title}</h2>
                <a className="btn" href={href.manifest(kind, null)}>
                  New {kind.toLowerCase()}
                </a>
              </div>
              <table className="table" aria-label={title}>
                <tbody>
                  {list
                    .filter((m) => m.kind === kind)
                    .map((m) => (
                      <tr key={m.name} data-testid="manifest-row">
                        <th scope="row">
                          <a href={href.manifest(kind, m.name)}>{m.name}</a>{' '}
                          {m.builtin ? <span className="badge">Built-in</span> : null}
                        </th>
                        <td className="muted">{m.builtin ? 'read-only' : `v${m.version}`}</td>
                        <td className="muted">
                          {m.updatedAt ? `${formatDateTime(m.updatedAt)} by ${m.updatedBy ?? '?'}` : ''}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </section>
          ))
        : null}
      {flow.plan ? (
        <PlanDialog
          plan={flow.plan}
          busy={flow.busy}
          onApply={() => void flow.apply()}
          onClose={flow.cancel}
        />
      ) : null}
    </>
  );
}
