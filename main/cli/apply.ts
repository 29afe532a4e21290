import { applyPlanSchema } from '../../shared/domain/manifest.ts';
import { readManifestFiles } from './manifest-files.ts';
import { withControlPlane } from './open-control-plane.ts';
import { formatError, type Output, processOutput } from './output.ts';
import { formatPlan, planExitCode } from './plan-format.ts';

export interface ApplyArgs {
  files: readonly string[];
  dryRun: boolean;
  dataDir?: string | undefined;
}

/**
 * `clawster apply -f <file or folder>... [--dry-run]`: sends the manifests to `manifest.apply` in
 * this process, against the data directory, and prints the plan. Returns the exit code:
 * 0 applied (or a clean dry run), 1 refused or invalid. Usage errors throw (exit 2).
 */
export async function apply(args: ApplyArgs, io: Output = processOutput): Promise<0 | 1> {
  const files = readManifestFiles(args.files);
  return withControlPlane(args.dataDir, async (cp) => {
    const result = await cp.dispatch('manifest.apply', { files, dryRun: args.dryRun });
    if (!result.ok) {
      // A refused apply carries its plan: print it (findings, refusals) before the error.
      const refusedPlan = applyPlanSchema.safeParse(result.error.details?.plan);
      if (refusedPlan.success) io.out(formatPlan(refusedPlan.data));
      io.err(`clawster apply: ${formatError(result.error)}`);
      return 1;
    }
    const plan = applyPlanSchema.parse(result.value);
    io.out(formatPlan(plan));
    return planExitCode(plan);
  });
}
