import type { ApplyPlan } from '../../../../shared/domain/manifest.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { FindingRows } from './FindingRows.tsx';

interface PlanDialogProps {
  plan: ApplyPlan;
  busy: boolean;
  onApply(): void;
  onClose(): void;
}

/** What an apply would do (a dry run): each manifest, each bot whose config changes, and what refuses it. */
export function PlanDialog({ plan, busy, onApply, onClose }: PlanDialogProps) {
  const refused = plan.refusals.length > 0;
  return (
    <Dialog
      title={refused ? 'This apply would be refused' : 'Apply these changes?'}
      onClose={onClose}
      busy={busy}
      testId="plan-dialog"
    >
      <ul className="plan-list" aria-label="Manifests">
        {plan.manifests.map((m) => (
          <li key={`${m.kind}/${m.fleetName ?? ''}/${m.name}`}>
            <strong>{m.action}</strong> {m.kind} {m.fleetName ? `${m.fleetName}/` : ''}
            {m.name} (v{m.version})
            {m.diff.length > 0 ? ` · ${m.diff.length} change${m.diff.length === 1 ? '' : 's'}` : ''}
          </li>
        ))}
      </ul>
      <p>
        {plan.botsChanged === 0
          ? 'No bot’s config changes.'
          : `${plan.botsChanged} bot${plan.botsChanged === 1 ? '' : 's'} would run a changed config.`}
      </p>
      {plan.bots.map((b) => (
        <section key={`${b.fleetName}/${b.name}`} className="plan-bot">
          <h3>
            {b.fleetName}/{b.name} {b.blocked ? <span className="badge badge-danger">blocked</span> : null}
          </h3>
          <p className="muted">{b.configDiff.map((c) => `${c.kind} ${c.path}`).join(', ') || 'no change'}</p>
          <FindingRows findings={b.findings} />
        </section>
      ))}
      {refused ? (
        <div className="notice notice-error" role="alert">
          <ul>
            {plan.refusals.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" onClick={onApply} disabled={busy || refused}>
          {busy ? 'Applying…' : 'Apply'}
        </button>
      </div>
    </Dialog>
  );
}
