import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is test/support/serve-process.ts). */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface ServeProcess {
  /** The address the host printed, token included. */
  url: string;
  port: number;
  token: string;
  dataDir: string;
  /** The host's JSON-lines log. */
  logFile: string;
  /** What the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
}

const LISTENING = /^Clawster listening on (http:\/\/\S+)$/;

/** The newest modification time of the files under `dir`. */
function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Builds the renderer with electron-vite when out/renderer is missing or older than the
 * renderer's (or shared/'s) sources, so a test never drives yesterday's interface.
 */
export function ensureRendererBuilt(): void {
  const built = join(repoRoot, 'out', 'renderer', 'index.html');
  if (existsSync(built)) {
    const sources = Math.max(
      newestChange(join(repoRoot, 'renderer')),
      newestChange(join(repoRoot, 'shared')),
    );
    if (statSync(built).mtimeMs >= sources) return;
  }
  execFileSync('npx', ['--no-install', 'electron-vite', 'build'], { cwd: repoRoot, stdio: 'inherit' });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

/**
 * Starts `clawster serve` on a free port with its own data directory (a new temp folder unless
 * given) and resolves once it prints the line with its address.
 */
export async function startServe(options: { dataDir?: string } = {}): Promise<ServeProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'clawster-e2e-'));
  const child = spawn(process.execPath, ['bin/clawster.mjs', 'serve', '--data-dir', dataDir, '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = exited(child);
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(forced);
  };

  const url = await new Promise<string>((found, fail) => {
    const lines = createInterface({ input: child.stdout ?? process.stdin });
    const onExit = (code: number | null, signal: string | null) =>
      fail(new Error(`clawster serve exited (${signal ?? code}) before it listened:\n${output}`));
    child.once('exit', onExit);
    child.once('error', fail);
    lines.on('line', (line) => {
      output += `${line}\n`;
      const match = LISTENING.exec(line);
      if (match?.[1]) {
        child.off('exit', onExit);
        found(match[1]);
      }
    });
  });
  const parsed = new URL(url);
  return {
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    logFile: join(dataDir, 'logs', 'clawster.log'),
    output: () => output,
    stop,
  };
}
