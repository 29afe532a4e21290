import type { Environment } from '../../../shared/domain/fleet.ts';

export function TagList({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="tags" aria-label="Tags">
      {tags.map((t) => (
        <li key={t} className="tag">
          {t}
        </li>
      ))}
    </ul>
  );
}

const envLabel: Record<Environment, string> = { dev: 'Development', staging: 'Staging', prod: 'Production' };

export function EnvBadge({ environment }: { environment: Environment }) {
  return (
    <span className={`badge env-${environment}`} title={envLabel[environment]}>
      {environment}
    </span>
  );
}

export { envLabel };
