import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { Environment } from '../../../../shared/domain/fleet.ts';
import type { ManifestRef } from '../../../../shared/domain/manifest.ts';
import { parseManifests, serializeManifests } from '../../../../shared/manifests/codec.ts';
import type { Manifest } from '../../../../shared/manifests/schema.ts';
import { href, navigate } from '../../app/router.ts';
import { useClient, useGeneration } from '../../app/services.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { FindingRows } from './FindingRows.tsx';
import { PlanDialog } from './PlanDialog.tsx';
import { previewDraft, starter } from './preview.ts';
import { useApply } from './use-apply.ts';
import { VersionsPanel } from './VersionsPanel.tsx';

const manifestKinds = ['Template', 'Profile', 'Overlay'] as const;
const isKind = (k: string): k is (typeof manifestKinds)[number] => manifestKinds.some((x) => x === k);

/** The store's reference of the manifest shown: a named layer, or a bot's own manifest (by bot id). */
function refOf(kind: string, name: string | null): ManifestRef | null {
  if (name === null) return null;
  if (kind === 'Bot') return { kind: 'Bot', botId: name };
  return isKind(kind) ? { kind, name } : null;
}

/**
 * One template, profile or overlay as YAML: validated as the operator types, its policy findings
 * and the resolved values with the layer that set each one beside it; saved through a dry run.
 */
export function ManifestEditorPage({ kind, name }: { kind: string; name: string | null }) {
  const client = useClient();
  const generation = useGeneration();
  const [text, setText] = useState(name === null ? starter(kind) : '');
  const [builtin, setBuiltin] = useState(false);
  const [catalog, setCatalog] = useState<Manifest[]>([]);
  const [environment, setEnvironment] = useState<Environment>('prod');
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    if (generation === 0) return;
    void client.invoke('manifest.catalog', {}).then((r) => {
      if (r.ok) setCatalog([...r.value.templates, ...r.value.profiles, ...r.value.overlays]);
    });
    const ref = refOf(kind, name);
    if (ref)
      void client.invoke('manifest.get', { ref }).then((r) => {
        if (!r.ok) setLoadError(r.error.message);
        else {
          setText(serializeManifests([r.value.manifest]));
          setBuiltin(r.value.summary.builtin);
        }
      });
  }, [client, generation, kind, name]);

  const draft = useDeferredValue(text);
  const parsed = useMemo(() => parseManifests(draft, { source: 'editor.yaml' }), [draft]);
  const manifest =
    parsed.issues.length === 0 && parsed.manifests.length === 1 ? parsed.manifests[0]?.manifest : undefined;
  const preview = useMemo(
    () => (manifest ? previewDraft(manifest, catalog, environment) : null),
    [manifest, catalog, environment],
  );
  const flow = useApply((plan) => {
    const m = plan.manifests[0];
    if (m && m.kind !== 'Bot') navigate(href.manifest(m.kind, m.name), { replace: true });
  });

  const title =
    name === null ? `New ${kind.toLowerCase()}` : kind === 'Bot' ? 'Bot manifest' : `${kind} ${name}`;
  const versionsRef = builtin ? null : refOf(kind, name);
  return (
    <>
      <PageHeader
        above={<a href={href.config()}>Config</a>}
        title={title}
        subtitle={
          builtin ? 'A built-in template: read-only. Change its name to save your own copy.' : undefined
        }
      />
      <ErrorNotice message={loadError ?? flow.error?.message ?? null} />
      <div className="editor-grid">
        <section aria-label="Manifest">
          <textarea
            className="code-editor"
            spellCheck={false}
            rows={28}
            value={text}
            aria-label="Manifest YAML"
            onChange={(e) => setText(e.target.value)}
          />
          {parsed.issues.length > 0 ? (
            <ul className="field-error" aria-label="Problems" data-testid="manifest-issues">
              {parsed.issues.map((i) => (
                <li key={`${i.doc}:${i.path}:${i.message}`}>
                  {i.line !== undefined ? `Line ${i.line}: ` : ''}
                  {i.path === '(root)' ? '' : `${i.path}: `}
                  {i.message}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="form-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={!manifest || flow.busy}
              onClick={() => void flow.review([{ name: 'editor.yaml', text }])}
            >
              {flow.busy ? 'Checking…' : 'Review and save'}
            </button>
          </div>
        </section>
        <section aria-label="Preview">
          <label>
            Environment{' '}
            <select
              value={environment}
              onChange={(e) =>
                setEnvironment(
                  e.target.value === 'dev' ? 'dev' : e.target.value === 'staging' ? 'staging' : 'prod',
                )
              }
            >
              <option value="dev">dev</option>
              <option value="staging">staging</option>
              <option value="prod">prod</option>
            </select>
          </label>
          {preview ? (
            <>
              {preview.problems.map((p) => (
                <p key={p.message} className="field-error">
                  {p.message}
                </p>
              ))}
              <FindingRows findings={preview.findings} />
              <table className="table" aria-label="Resolved config">
                <tbody>
                  {preview.lines.map((l) => (
                    <tr key={l.path}>
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
          ) : (
            <p className="muted">Fix the problems on the left to see the resolved config and its findings.</p>
          )}
        </section>
      </div>
      {versionsRef ? <VersionsPanel manifestRef={versionsRef} /> : null}
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
