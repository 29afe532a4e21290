import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

/** Runs a program and returns its output; failures reject. Replaceable for tests of the installer. */
export type CommandRunner = (
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs: number; signal?: AbortSignal },
) => Promise<{ stdout: string; stderr: string }>;

export const runCommand: CommandRunner = async (command, args, o) => {
  const out = await execFileP(command, [...args], {
    env: o.env,
    cwd: o.cwd,
    timeout: o.timeoutMs,
    ...(o.signal ? { signal: o.signal } : {}),
    maxBuffer: 16 * 1024 * 1024,
  });
  return { stdout: String(out.stdout), stderr: String(out.stderr) };
};
