/**
 * Writes the README's screenshot: starts `clawster serve` on a temp data dir, seeds a few fleets
 * and bots through the contract (the renderer's own client), and photographs a page in Chromium.
 *
 *   node scripts/screenshot.ts                       resources/screenshots/fleets.png, light
 *   node scripts/screenshot.ts --scheme dark --page audit --out /tmp/shots
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createConnectionStore } from '../renderer/src/api/connection.ts';
import { createContractClient } from '../renderer/src/api/contract-client.ts';
import { createWsBridge } from '../renderer/src/api/ws-bridge.ts';
import type { ContractClient } from '../shared/contract/client.ts';
import type { Environment } from '../shared/domain/fleet.ts';
import { launchBrowser } from '../test/support/browser.ts';
import { ensureRendererBuilt, repoRoot, startServe } from '../test/support/serve-process.ts';

interface SeedFleet {
  name: string;
  environment: Environment;
  tags: string[];
  description: string;
  bots: Array<{ name: string; tags: string[] }>;
}

const seed: SeedFleet[] = [
  {
    name: 'payments-support',
    environment: 'prod',
    tags: ['team:payments', 'region:eu-west-1'],
    description: 'Answers card, refund and payout questions in the help centre',
    bots: [
      { name: 'refunds', tags: ['tier:1'] },
      { name: 'card-disputes', tags: ['tier:2'] },
      { name: 'payouts', tags: ['tier:1'] },
      { name: 'escalations', tags: ['tier:2', 'on-call'] },
    ],
  },
  {
    name: 'growth-onboarding',
    environment: 'staging',
    tags: ['team:growth'],
    description: 'Guides new workspaces through their first week',
    bots: [
      { name: 'welcome', tags: [] },
      { name: 'trial-nudges', tags: ['experiment'] },
    ],
  },
  {
    name: 'research-sandbox',
    environment: 'dev',
    tags: ['team:research', 'experimental'],
    description: 'Prompt and tool experiments; safe to break',
    bots: [{ name: 'eval-runner', tags: [] }],
  },
  {
    name: 'internal-ops',
    environment: 'prod',
    tags: ['team:platform'],
    description: 'Incident triage and on-call handover notes',
    bots: [
      { name: 'triage', tags: ['slack'] },
      { name: 'handover', tags: ['slack'] },
      { name: 'status-page', tags: [] },
    ],
  },
  {
    name: 'sales-assist',
    environment: 'staging',
    tags: ['team:sales', 'region:us-east-1'],
    description: '',
    bots: [],
  },
];

async function must<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) {
  const r = await result;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function seedFleets(client: ContractClient): Promise<string[]> {
  const ids: string[] = [];
  for (const f of seed) {
    const fleet = await must(
      client.invoke('fleet.create', {
        name: f.name,
        environment: f.environment,
        tags: f.tags,
        description: f.description,
      }),
    );
    ids.push(fleet.id);
    for (const b of f.bots) await must(client.invoke('bot.create', { fleetId: fleet.id, ...b }));
  }
  const first = ids[0];
  const bots = first ? await must(client.invoke('bot.list', { fleetId: first })) : [];
  const refunds = bots.find((b) => b.name === 'refunds');
  if (refunds) await must(client.invoke('bot.update', { id: refunds.id, tags: ['tier:1', 'priority'] }));
  return ids;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scheme: { type: 'string', default: 'light' },
      page: { type: 'string', default: 'fleets' },
      out: { type: 'string', default: join(repoRoot, 'resources', 'screenshots') },
    },
  });
  const scheme = values.scheme === 'dark' ? 'dark' : 'light';
  const page = values.page ?? 'fleets';
  const outDir = values.out ?? join(repoRoot, 'resources', 'screenshots');
  ensureRendererBuilt();
  const host = await startServe();
  const connection = createConnectionStore();
  const bridge = createWsBridge({ url: `ws://127.0.0.1:${host.port}/ws?token=${host.token}`, connection });
  const browser = await launchBrowser({ colorScheme: scheme });
  try {
    const ids = await seedFleets(createContractClient(bridge));
    const tab = await browser.context.newPage();
    const hash = page === 'audit' ? '#/audit' : page === 'fleet' ? `#/fleets/${ids[0] ?? ''}` : '#/fleets';
    await tab.goto(`${host.url}${hash}`);
    if (page === 'audit') await tab.getByTestId('audit-event').first().waitFor();
    else if (page === 'fleet') await tab.getByTestId('bot-row').first().waitFor();
    else
      await tab
        .getByTestId('fleet-row')
        .nth(seed.length - 1)
        .waitFor();
    if (page === 'audit') await tab.getByTestId('audit-event').nth(1).getByRole('button').click();
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, scheme === 'light' ? `${page}.png` : `${page}-${scheme}.png`);
    await tab.screenshot({ path: file });
    process.stdout.write(`wrote ${file}\n`);
  } finally {
    bridge.close();
    await browser.close();
    await host.stop();
    rmSync(host.dataDir, { recursive: true, force: true });
  }
}

await main();
