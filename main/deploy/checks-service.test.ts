import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenclawCheckFinding } from '../../shared/domain/openclaw-checks.ts';
import { counterIds, T0 } from '../../test/support/control-plane.ts';
import { createAuditWriter } from '../audit/audit-writer.ts';
import { createBotService } from '../bots/bot-service.ts';
import { fixedClock } from '../clock.ts';
import { createEventBus } from '../events/bus.ts';
import { createFleetService } from '../fleets/fleet-service.ts';
import { silentLogger } from '../log/logger.ts';
import { openStore, type Store } from '../store/database.ts';
import { createMutator, type Mutator } from '../store/unit-of-work.ts';
import { type ChecksService, createChecksService } from './checks-service.ts';
import { createMover } from './transitions.ts';

let dir = '';
let store: Store;
let mutate: Mutator;
let ids: string[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clawster-checks-'));
  store = openStore(join(dir, 'clawster.db'));
  mutate = createMutator({
    store,
    audit: createAuditWriter(store.sqlite),
    bus: createEventBus(() => undefined),
    clock: fixedClock(T0),
    actor: 'tester',
    newId: counterIds(),
  });
  const fleet = createFleetService(mutate).create({
    name: 'Prod',
    environment: 'prod',
    tags: [],
    description: '',
    driftMode: 'notify',
    target: 'local',
  });
  const bots = createBotService(mutate, () => undefined);
  const move = createMover({ mutate, actor: 'tester' });
  ids = ['a', 'b', 'c', 'd'].map((name) => {
    const bot = bots.create({ fleetId: fleet.id, name, tags: [] });
    move(
      bot.id,
      { to: 'provisioning', cause: 'deploy', message: 'test' },
      { create: { target: 'local', desiredState: 'running' } },
    );
    return bot.id;
  });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A test double of the local target's checks: each run waits until the test lets it finish. */
function heldChecks() {
  const calls: string[] = [];
  const pending: (() => void)[] = [];
  const finding: OpenclawCheckFinding = { source: 'doctor', checkId: 'x', severity: 'info', title: 'x' };
  return {
    calls,
    pending,
    target: {
      openclawChecks: (botId: string) => {
        calls.push(botId);
        return new Promise<{ findings: OpenclawCheckFinding[]; failures: []; version: string }>((resolve) =>
          pending.push(() => resolve({ findings: [finding], failures: [], version: '2026.9.6' })),
        );
      },
    },
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("OpenClaw's checks after deploys", () => {
  let service: ChecksService;
  afterEach(async () => {
    await service.close();
  });

  it('checks two bots at a time, however many were deployed', async () => {
    const double = heldChecks();
    service = createChecksService({ db: store.db, mutate, log: silentLogger, target: double.target });
    const runs = ids.map((id) => service.run({ id }));
    await tick();
    expect(double.calls).toEqual(ids.slice(0, 2));
    double.pending.shift()?.();
    await runs[0];
    await tick();
    expect(double.calls).toEqual(ids.slice(0, 3));
    while (double.calls.length < 4 || double.pending.length > 0) {
      double.pending.shift()?.();
      await tick();
    }
    const reports = await Promise.all(runs);
    expect(reports.map((r) => r.botId)).toEqual(ids);
  });

  it('checks a bot once more when it was deployed again while its checks ran', async () => {
    const double = heldChecks();
    service = createChecksService({ db: store.db, mutate, log: silentLogger, target: double.target });
    const id = ids[0] ?? '';
    const first = service.run({ id });
    await tick();
    service.afterDeploy(id);
    expect(double.calls).toEqual([id]);
    double.pending.shift()?.();
    await first;
    await tick();
    expect(double.calls).toEqual([id, id]);
    double.pending.shift()?.();
  });
});
