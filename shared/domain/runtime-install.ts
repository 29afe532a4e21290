import { z } from 'zod';

/**
 * Progress of installing an OpenClaw runtime (the `openclaw` npm package and the Node it needs)
 * into the app's data directory, pushed as `runtime.install.progress` while a deploy waits on it.
 */
export const runtimeInstallProgressSchema = z.object({
  /** The OpenClaw version being installed. */
  version: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  /** 1-based step of `steps` (fetch Node, unpack it, install openclaw, verify, finish). */
  step: z.number().int().min(0),
  steps: z.number().int().min(0),
  label: z.string(),
  /** Bytes fetched so far, where the step knows. */
  bytes: z.number().int().optional(),
  /** Why it failed, or where it was installed. */
  message: z.string().optional(),
});
export type RuntimeInstallProgress = z.infer<typeof runtimeInstallProgressSchema>;
