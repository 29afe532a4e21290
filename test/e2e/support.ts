import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type BrowserSession, launchBrowser } from '../support/browser.ts';
import { ensureRendererBuilt, repoRoot, type ServeProcess, startServe } from '../support/serve-process.ts';

/** Where a failed end-to-end test leaves its screenshot and the host's log (gitignored). */
export const resultsDir = join(repoRoot, 'test-results');

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/** Collects a page's console errors and uncaught exceptions (a CSP violation shows up here too). */
export function watchConsole(page: Page, into: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error') into.push(`${page.url()} console: ${m.text()}`);
  });
  page.on('pageerror', (e) => into.push(`${page.url()} page error: ${e.message}`));
}

/** Keeps what explains a failure: a screenshot of each open page, the host's log and output. */
export async function keepFailureEvidence(
  testName: string,
  pages: readonly Page[],
  host: ServeProcess | undefined,
  consoleLines: readonly string[],
): Promise<string> {
  const dir = join(resultsDir, slug(testName));
  mkdirSync(dir, { recursive: true });
  for (const [i, page] of pages.entries()) {
    if (page.isClosed()) continue;
    await page.screenshot({ path: join(dir, `page-${i + 1}.png`), fullPage: true }).catch(() => {});
  }
  if (host) {
    if (existsSync(host.logFile)) copyFileSync(host.logFile, join(dir, 'host.log'));
    writeFileSync(join(dir, 'host-output.txt'), host.output());
  }
  writeFileSync(join(dir, 'console.txt'), consoleLines.join('\n'));
  return dir;
}

/** One test file's `clawster serve` host and Chromium, started once (see startE2eSession). */
export interface E2eSession {
  /** A new page of the app at `hash`, watched for console errors, kept as evidence on failure. */
  openApp(hash?: string): Promise<Page>;
  host(): ServeProcess;
  /** The console errors and uncaught exceptions of this test's pages. */
  consoleLines(): readonly string[];
}

/**
 * Starts the host and the browser before the file's tests and stops them after; after each test,
 * closes its pages, first keeping a screenshot and the logs when it failed.
 */
export function startE2eSession(): E2eSession {
  let host: ServeProcess | undefined;
  let browser: BrowserSession | undefined;
  let pages: Page[] = [];
  let consoleLines: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    host = await startServe();
    browser = await launchBrowser();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      const dir = await keepFailureEvidence(context.task.name, pages, host, consoleLines);
      process.stderr.write(`e2e: kept the screenshot and the host log of "${context.task.name}" in ${dir}\n`);
    }
    for (const page of pages) await page.close();
    pages = [];
    consoleLines = [];
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    if (host) rmSync(host.dataDir, { recursive: true, force: true });
  });

  const started = (): { host: ServeProcess; browser: BrowserSession } => {
    if (!browser || !host) throw new Error('the host and the browser start in beforeAll');
    return { host, browser };
  };
  return {
    async openApp(hash = '') {
      const s = started();
      const page = await s.browser.context.newPage();
      pages.push(page);
      watchConsole(page, consoleLines);
      await page.goto(`${s.host.url}${hash}`);
      return page;
    },
    host: () => started().host,
    consoleLines: () => consoleLines,
  };
}

/** One event of the Audit Log page, by the words of its summary. */
export function auditItem(page: Page, title: string | RegExp): Locator {
  return page.getByTestId('audit-event').filter({ has: page.getByRole('button', { name: title }) });
}

/** Opens an audit event (if closed) and reads its diff: path -> [before, after]. */
export async function readDiff(item: Locator): Promise<Record<string, [string, string]>> {
  const toggle = item.getByRole('button').first();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const rows = item.getByTestId('diff-row');
  await rows.first().waitFor();
  const out: Record<string, [string, string]> = {};
  for (const row of await rows.all()) {
    const path = (await row.getAttribute('data-path')) ?? '?';
    out[path] = [
      (await row.getByTestId('diff-before').textContent()) ?? '',
      (await row.getByTestId('diff-after').textContent()) ?? '',
    ];
  }
  return out;
}
