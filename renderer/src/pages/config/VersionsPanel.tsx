import { useEffect, useState } from 'react';
import type { ResultOf } from '../../../../shared/contract/requests.ts';
import type { ManifestRef } from '../../../../shared/domain/manifest.ts';
import { useClient } from '../../app/services.tsx';
import { formatDateTime } from '../../lib/format.ts';

type Versions = ResultOf<'manifest.versions'>;
type Diff = ResultOf<'manifest.diff'>;

/** Every version of a manifest; pick two to see what changed between them, side by side. */
export function VersionsPanel({ manifestRef }: { manifestRef: ManifestRef }) {
  const client = useClient();
  const [versions, setVersions] = useState<Versions>([]);
  const [diff, setDiff] = useState<Diff | null>(null);
  const key = JSON.stringify(manifestRef);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the ref is compared by value (key)
  useEffect(() => {
    const load = () =>
      void client.invoke('manifest.versions', { ref: manifestRef }).then((r) => {
        if (r.ok) setVersions(r.value);
      });
    load();
    return client.on('manifest.changed', load);
  }, [client, key]);
  const compare = async (from: number, to: number) => {
    const r = await client.invoke('manifest.diff', { ref: manifestRef, from, to });
    if (r.ok) setDiff(r.value);
  };
  if (versions.length === 0) return null;
  return (
    <section className="section" aria-label="Versions">
      <h2>Versions</h2>
      <ul className="plan-list">
        {versions.map((v, i) => {
          const older = versions[i + 1];
          return (
            <li key={v.version}>
              v{v.version} · {formatDateTime(v.createdAt)} by {v.actor}
              {v.deleted ? ' · deleted' : ''}{' '}
              {older ? (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => void compare(older.version, v.version)}
                >
                  Compare with v{older.version}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {diff ? (
        <div data-testid="version-diff">
          <div className="editor-grid">
            <figure>
              <figcaption>Version {diff.from.version}</figcaption>
              <pre className="code-editor">{JSON.stringify(diff.from.manifest, null, 2)}</pre>
            </figure>
            <figure>
              <figcaption>Version {diff.to.version}</figcaption>
              <pre className="code-editor">{JSON.stringify(diff.to.manifest, null, 2)}</pre>
            </figure>
          </div>
          <ul className="plan-list" aria-label="Changes">
            {diff.diff.map((c) => (
              <li key={c.path}>
                {c.kind} <code>{c.path}</code>: {JSON.stringify(c.before) ?? '—'} →{' '}
                {JSON.stringify(c.after) ?? '—'}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
