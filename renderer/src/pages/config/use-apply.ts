import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { ApplyPlan } from '../../../../shared/domain/manifest.ts';
import { useClient } from '../../app/services.tsx';

type Files = { name: string; text: string }[];

/** Dry run first (the plan dialog), then the real apply; refusals and errors kept for the page. */
export function useApply(onApplied: (plan: ApplyPlan) => void) {
  const client = useClient();
  const [plan, setPlan] = useState<{ plan: ApplyPlan; files: Files } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  return {
    plan: plan?.plan ?? null,
    busy,
    error,
    async review(files: Files) {
      setBusy(true);
      setError(null);
      const r = await client.invoke('manifest.apply', { files, dryRun: true });
      setBusy(false);
      if (r.ok) setPlan({ plan: r.value, files });
      else setError(r.error);
    },
    async apply() {
      if (!plan) return;
      setBusy(true);
      const r = await client.invoke('manifest.apply', { files: plan.files, dryRun: false });
      setBusy(false);
      setPlan(null);
      if (r.ok) onApplied(r.value);
      else setError(r.error);
    },
    cancel: () => setPlan(null),
  };
}
