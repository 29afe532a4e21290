import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { auditItem, readDiff, startE2eSession } from './support.ts';

const session = startE2eSession();
const openApp = session.openApp;

async function createFleet(
  page: Page,
  f: { name: string; environment: string; tags: string; description: string },
) {
  await page.getByRole('button', { name: 'New fleet' }).first().click();
  const form = page.getByTestId('fleet-form');
  await form.getByLabel('Name').fill(f.name);
  await form.getByLabel('Environment').selectOption(f.environment);
  await form.getByLabel('Tags').fill(f.tags);
  await form.getByLabel('Description').fill(f.description);
  await form.getByLabel('Name').press('Enter');
  await form.waitFor({ state: 'detached' });
}

async function addBot(page: Page, name: string, tags = '') {
  await page.getByRole('button', { name: 'Add bot' }).click();
  const form = page.getByTestId('bot-form');
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Tags').fill(tags);
  await form.getByLabel('Name').press('Enter');
  await form.waitFor({ state: 'detached' });
  await page.getByTestId('bot-row').filter({ hasText: name }).waitFor();
}

describe('fleets, bots and the audit log in Chromium against `clawster serve`', () => {
  it('records creating a fleet, adding two bots, renaming one and deleting one, each with its diff', async () => {
    const page = await openApp();
    await page.getByText('No fleets yet').waitFor();
    expect(page.url()).not.toContain('token=');

    // Bad input: the host's issue shows next to the field, and nothing is created.
    await page.getByRole('button', { name: 'New fleet' }).first().click();
    const form = page.getByTestId('fleet-form');
    await form.getByLabel('Name').fill('Payments');
    await form.getByLabel('Tags').fill('team:payments bad!');
    await form.getByLabel('Name').press('Enter');
    await form.getByText('"bad!": Tag may hold letters, digits and . _ : / - only').waitFor();
    await form.getByLabel('Name').press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await page.getByTestId('fleet-row').count()).toBe(0);

    await createFleet(page, {
      name: 'Payments',
      environment: 'prod',
      tags: 'team:payments, region:eu',
      description: 'Card and refund questions',
    });
    const row = page.getByTestId('fleet-row').filter({ hasText: 'Payments' });
    await row.getByText('team:payments').waitFor();

    // A second fleet with the same name (ignoring case) is refused beside the Name field.
    await page.getByRole('button', { name: 'New fleet' }).first().click();
    await form.getByLabel('Name').fill('PAYMENTS');
    await form.getByRole('button', { name: 'Create fleet' }).click();
    await form.getByText('already in use').waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();

    await row.getByRole('link', { name: 'Payments' }).click();
    await page.getByRole('heading', { level: 1, name: /Payments/ }).waitFor();
    await addBot(page, 'alpha', 'role:support');
    await addBot(page, 'beta');
    await expect.poll(() => page.getByTestId('fleet-bot-count').textContent()).toBe('2');

    await page.getByRole('button', { name: 'Edit alpha' }).click();
    const botForm = page.getByTestId('bot-form');
    await botForm.getByLabel('Name').fill('alpha-renamed');
    await botForm.getByRole('button', { name: 'Save changes' }).click();
    await page.getByTestId('bot-row').filter({ hasText: 'alpha-renamed' }).waitFor();

    await page.getByRole('button', { name: 'Delete beta' }).click();
    await page.getByTestId('delete-bot').getByRole('button', { name: 'Delete bot' }).click();
    await page.getByTestId('bot-row').filter({ hasText: 'beta' }).waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('fleet-bot-count').textContent()).toBe('1');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit Log' }).click();
    await auditItem(page, /Created fleet “Payments”/).waitFor();
    expect(await page.getByTestId('audit-event').count()).toBe(5);

    expect(await readDiff(auditItem(page, 'Created fleet “Payments”'))).toEqual({
      description: ['—', 'Card and refund questions'],
      driftMode: ['—', 'notify'],
      environment: ['—', 'prod'],
      name: ['—', 'Payments'],
      tags: ['—', 'team:payments, region:eu'],
      // Where its bots run: this workstation unless the form says AWS ECS.
      target: ['—', 'local'],
    });
    expect(await readDiff(auditItem(page, 'Created bot “alpha” in “Payments”'))).toMatchObject({
      name: ['—', 'alpha'],
      tags: ['—', 'role:support'],
    });
    expect(await readDiff(auditItem(page, 'Created bot “beta” in “Payments”'))).toMatchObject({
      name: ['—', 'beta'],
      tags: ['—', '(none)'],
    });
    expect(await readDiff(auditItem(page, 'Renamed bot “alpha” to “alpha-renamed” in “Payments”'))).toEqual({
      name: ['alpha', 'alpha-renamed'],
    });
    expect(await readDiff(auditItem(page, 'Deleted bot “beta” in “Payments”'))).toMatchObject({
      name: ['beta', '—'],
    });

    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect
      .poll(() => page.getByTestId('verify-result').textContent())
      .toBe('Chain intact: 5 events checked.');

    await page.getByLabel('Resource').selectOption('fleet');
    await expect.poll(() => page.getByTestId('audit-event').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByTestId('audit-event').count()).toBe(5);
    expect(session.consoleLines()).toEqual([]);
  });

  it('deletes a fleet that still has bots only when asked to take them too; another window sees it live', async () => {
    const fleets = await openApp('#/fleets');
    await createFleet(fleets, {
      name: 'Growth',
      environment: 'staging',
      tags: 'team:growth',
      description: '',
    });
    await fleets.getByRole('link', { name: 'Growth' }).click();
    await addBot(fleets, 'welcome');
    await fleets
      .getByRole('navigation', { name: 'Breadcrumb' })
      .getByRole('link', { name: 'Fleets' })
      .click();

    const audit = await openApp('#/audit');
    await auditItem(audit, 'Created bot “welcome” in “Growth”').waitFor();

    await fleets.getByRole('button', { name: 'Delete Growth' }).click();
    const dialog = fleets.getByTestId('delete-fleet');
    await dialog.getByRole('button', { name: 'Delete fleet' }).click();
    await dialog.getByText('Fleet "Growth" still has 1 bot.', { exact: false }).waitFor();
    expect(await fleets.getByTestId('fleet-row').filter({ hasText: 'Growth' }).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Delete with its 1 bot' }).click();
    await fleets.getByTestId('fleet-row').filter({ hasText: 'Growth' }).waitFor({ state: 'detached' });

    // The other window was not reloaded: the events reached it over its own connection.
    await auditItem(audit, 'Deleted fleet “Growth”').waitFor();
    expect(await readDiff(auditItem(audit, /Deleted bot “welcome”/))).toMatchObject({
      name: ['welcome', '—'],
    });
    expect(await readDiff(auditItem(audit, 'Deleted fleet “Growth”'))).toMatchObject({
      environment: ['staging', '—'],
      tags: ['team:growth', '—'],
    });
    await audit.getByRole('button', { name: 'Verify chain' }).click();
    await expect
      .poll(() => audit.getByTestId('verify-result').textContent())
      .toMatch(/^Chain intact: \d+ events checked\.$/);
  });

  it('says plainly when the host goes away', async () => {
    const page = await openApp();
    await page.getByRole('heading', { level: 1, name: 'Fleets' }).waitFor();
    await session.host().stop();
    await page.getByTestId('connection-banner').getByText('Disconnected from the Clawster host.').waitFor();
    await page.getByRole('button', { name: 'New fleet' }).first().click();
    const form = page.getByTestId('fleet-form');
    await form.getByLabel('Name').fill('Offline');
    await form.getByLabel('Name').press('Enter');
    await form
      .getByTestId('error-notice')
      .getByText('Not connected to the Clawster host', { exact: false })
      .waitFor();
  });
});
