import { type Change, diffJson } from '../../../shared/config/diff.ts';
import type { AuditEvent } from '../../../shared/domain/audit.ts';

export type AuditKind = 'created' | 'updated' | 'deleted' | 'other';

export interface AuditSummary {
  kind: AuditKind;
  /** One line an operator reads, e.g. `Renamed bot “a” to “b”`. */
  title: string;
  /** The field-level changes, before to after. */
  changes: Change[];
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function kindOf(action: string): AuditKind {
  const verb = action.split('.').at(-1);
  if (verb === 'create') return 'created';
  if (verb === 'update') return 'updated';
  if (verb === 'delete') return 'deleted';
  return 'other';
}

/**
 * What an audit event says, in words, with its diff (computed with the one diffJson). A bot's
 * event names its fleet where `fleetName` still knows it.
 */
export function summarize(
  e: AuditEvent,
  fleetName: (id: string) => string | undefined = () => undefined,
): AuditSummary {
  const { before, after } = e.diff;
  const changes = diffJson(before ?? {}, after ?? {});
  const name = text(after?.name) ?? text(before?.name) ?? e.resourceId;
  const fleetId = text(after?.fleetId) ?? text(before?.fleetId);
  const fleet = e.resourceType === 'bot' && fleetId ? fleetName(fleetId) : undefined;
  const type = e.resourceType;
  const where = fleet ? ` in “${fleet}”` : '';
  const kind = kindOf(e.action);
  switch (kind) {
    case 'created':
      return { kind, changes, title: `Created ${type} “${name}”${where}` };
    case 'deleted':
      return { kind, changes, title: `Deleted ${type} “${name}”${where}` };
    case 'updated': {
      const oldName = text(before?.name);
      const newName = text(after?.name);
      const renamed = oldName !== undefined && newName !== undefined && oldName !== newName;
      const others = changes.filter((c) => c.path !== 'name').map((c) => c.path);
      const title = renamed
        ? `Renamed ${type} “${oldName}” to “${newName}”${where}`
        : `Updated ${type} “${name}”${where}`;
      const suffix =
        others.length > 0 ? (renamed ? ` and changed ${others.join(', ')}` : `: ${others.join(', ')}`) : '';
      return { kind, changes, title: title + suffix };
    }
    default:
      return { kind, changes, title: `${e.action} on ${type} “${name}”` };
  }
}
