import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { AuditVerify } from '../../../../shared/domain/audit.ts';
import { useClient } from '../../app/services.tsx';
import { IconShield } from '../../components/icons.tsx';
import { plural } from '../../lib/format.ts';

type Outcome = { kind: 'none' } | { kind: 'done'; verify: AuditVerify } | { kind: 'error'; error: ErrorInfo };

/** Walks the hash chain on the host and says whether it is intact, or which event is not. */
export function VerifyChain() {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });

  const verify = async () => {
    setBusy(true);
    const result = await client.invoke('audit.verify', {});
    setBusy(false);
    setOutcome(result.ok ? { kind: 'done', verify: result.value } : { kind: 'error', error: result.error });
  };

  return (
    <div className="verify">
      <button type="button" className="btn" onClick={() => void verify()} disabled={busy}>
        <IconShield /> {busy ? 'Verifying…' : 'Verify chain'}
      </button>
      <VerifyOutcome outcome={outcome} />
    </div>
  );
}

function VerifyOutcome({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'none') return null;
  if (outcome.kind === 'error')
    return (
      <p className="verify-result verify-bad" role="alert" data-testid="verify-result">
        {outcome.error.message}
      </p>
    );
  const { verify } = outcome;
  if (verify.ok)
    return (
      <p className="verify-result verify-ok" role="status" data-testid="verify-result">
        Chain intact: {plural(verify.checked, 'event')} checked.
      </p>
    );
  return (
    <p className="verify-result verify-bad" role="alert" data-testid="verify-result">
      {verify.problem
        ? `Event #${verify.problem.seq} was ${verify.problem.kind}: ${verify.problem.message}`
        : `The chain did not verify (${plural(verify.checked, 'event')} checked).`}
    </p>
  );
}
