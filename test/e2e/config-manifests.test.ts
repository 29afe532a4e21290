/**
 * The Config area in Chromium against `clawster serve`: a profile written in the editor (problems
 * and findings shown while typing), saved through the plan dialog, listed, changed, and its two
 * versions compared; and a change set created, started and rolled back from the Change Sets page.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startE2eSession } from './support.ts';

const session = startE2eSession();
const openApp = session.openApp;

const profile = (level: string, sandbox = 'all') =>
  `apiVersion: clawster.dev/v1\nkind: Profile\nmetadata:\n  name: hardened\nspec:\n  config:\n    agents:\n      defaults:\n        sandbox:\n          mode: "${sandbox}"\n    logging:\n      level: ${level}\n`;

async function save(page: Page) {
  await page.getByRole('button', { name: 'Review and save' }).click();
  const dialog = page.getByTestId('plan-dialog');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('the Config area in Chromium against `clawster serve`', () => {
  it('writes a profile in the editor, lists it, changes it, and compares its two versions', async () => {
    const page = await openApp('#/config');
    await page.getByRole('link', { name: 'New profile' }).click();

    const editor = page.getByLabel('Manifest YAML');
    await editor.fill('apiVersion: clawster.dev/v1\nkind: Profile\nmetadata:\n  name: [broken\n');
    await expect(page.getByTestId('manifest-issues').textContent()).resolves.toMatch(/Line \d+/);
    await editor.fill(profile('warn', 'off'));
    await page.locator('[data-rule="sandbox.off"]').waitFor();
    await editor.fill(profile('warn'));
    await page.getByText('Profile hardened', { exact: true }).first().waitFor();
    await save(page);

    await page.goto(`${session.host().url}#/config`);
    await page.getByRole('link', { name: 'hardened' }).click();
    // The editor fills in once the manifest has loaded: wait for it, do not read it at once.
    await expect.poll(() => page.getByLabel('Manifest YAML').inputValue()).toContain('level: warn');
    await page.getByLabel('Manifest YAML').fill(profile('info'));
    await save(page);

    await page.getByRole('button', { name: 'Compare with v1' }).click();
    const diff = page.getByTestId('version-diff');
    await expect(diff.textContent()).resolves.toMatch(
      /changed spec\.config\.logging\.level: "warn" → "info"/,
    );
  });

  it('creates a change set, starts it and rolls it back from the Change Sets page', async () => {
    const page = await openApp('#/changesets');
    await page.getByRole('button', { name: 'New change set' }).first().click();
    await page.getByLabel('Title').fill('Quieter canary profile');
    const yaml = (level: string) =>
      `apiVersion: clawster.dev/v1\nkind: Profile\nmetadata:\n  name: canary-e2e\nspec:\n  config:\n    logging:\n      level: ${level}\n`;
    // A refused draft keeps what was typed and says why.
    await page.getByLabel('Manifests (YAML)').fill('kind: [');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('alert').first().waitFor();
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Quieter canary profile');
    await page.getByLabel('Manifests (YAML)').fill(yaml('warn'));
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/#\/changesets\/[^/]+$/);
    const status = (s: string) =>
      page.locator(`[data-testid="changeset-status"][data-status="${s}"]`).first();
    await status('draft').waitFor();
    await page.getByText('Creates Profile canary-e2e').waitFor();

    await page.getByRole('button', { name: 'Start rollout' }).click();
    await status('completed').waitFor();
    await page.getByRole('button', { name: 'Roll back…' }).click();
    const dialog = page.getByTestId('rollback-dialog');
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await status('rolled-back').waitFor();

    await page.goto(`${session.host().url}#/changesets`);
    const row = page.getByRole('row', { name: /Quieter canary profile/ });
    await row.locator('[data-status="rolled-back"]').waitFor();
  });
});
