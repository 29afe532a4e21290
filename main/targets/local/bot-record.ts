import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { botPaths, botsRoot } from './paths.ts';

/** Transitions kept per bot (newest first). */
export const MAX_EVENTS = 50;

export const localPhases = ['starting', 'running', 'stopping', 'stopped', 'failed'] as const;
export type LocalPhase = (typeof localPhases)[number];

/**
 * What the local target keeps about a bot in `<botDir>/target.json`: no secret values (secret
 * bindings are references, the gateway token lives in the SecretStore). It survives app restarts,
 * so adoption, restart counts and the events timeline carry over.
 */
export const botRecordSchema = z.object({
  botId: z.string(),
  name: z.string(),
  port: z.number().int().min(1).max(65535),
  /** What the operator asked for last: start/deploy → running, stop → stopped. */
  desired: z.enum(['running', 'stopped']),
  phase: z.enum(localPhases),
  configVersion: z.string(),
  /** Digest of config + secret bindings + runtime version: equal means nothing to redeploy. */
  spec: z.string(),
  runtimeVersion: z.string(),
  secrets: z.array(z.object({ env: z.string(), ref: z.string() })),
  /** Starts after the first one (operator restarts, restarts after a crash, redeploys). */
  restartCount: z.number().int().min(0),
  starts: z.number().int().min(0),
  lastError: z.object({ at: z.string(), message: z.string() }).nullable(),
  events: z.array(z.object({ at: z.string(), message: z.string() })),
  createdAt: z.string(),
});
export type BotRecord = z.infer<typeof botRecordSchema>;

export async function readBotRecord(dataDir: string, botId: string): Promise<BotRecord | null> {
  let text: string;
  try {
    text = await readFile(botPaths(dataDir, botId).record, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = botRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Writes the record atomically (temp file + rename), so a crash never leaves half a record. */
export async function writeBotRecord(dataDir: string, rec: BotRecord): Promise<void> {
  const file = botPaths(dataDir, rec.botId).record;
  const tmp = `${file}.tmp`;
  await writeFile(tmp, `${JSON.stringify(rec, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, file);
}

/** Adds a transition (newest first, bounded). */
export function withEvent(rec: BotRecord, at: string, message: string): BotRecord {
  return { ...rec, events: [{ at, message }, ...rec.events].slice(0, MAX_EVENTS) };
}

/** Every bot with a readable record under `<dataDir>/bots/`. */
export async function listBotRecords(dataDir: string): Promise<BotRecord[]> {
  let names: string[];
  try {
    names = await readdir(botsRoot(dataDir));
  } catch {
    return [];
  }
  const out: BotRecord[] = [];
  for (const name of names.sort()) {
    try {
      const rec = await readBotRecord(dataDir, name);
      if (rec) out.push(rec);
    } catch {
      // A folder whose name is not a bot id is not ours.
    }
  }
  return out;
}
