import { CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '../../main/aws/clients.ts';
import { createEcsTarget, type EcsTarget } from '../../main/targets/ecs/ecs-target.ts';
import type { LogLine } from '../../main/targets/target.ts';
import { prepareEcs } from '../support/moto/ecs-setup.ts';
import { type MotoServer, startMoto } from '../support/moto/moto-server.ts';

let moto: MotoServer;
let aws: AwsClients;
let target: EcsTarget;
const group = '/clawster/bots';
// CloudWatch refuses events older than 14 days, so the test's times are anchored to the real clock.
const t0 = Math.floor(Date.now() / 1000) * 1000 - 60_000;

beforeAll(async () => {
  moto = await startMoto();
  aws = createAwsClients(moto.access('eu-west-1'));
});
beforeEach(async () => {
  const { settings } = await prepareEcs(moto.endpoint, aws);
  target = createEcsTarget({ clients: aws, settings, logPollMs: 20, now: () => new Date(t0) });
});
afterEach(async () => {
  await moto.reset();
});
afterAll(async () => {
  aws?.destroy();
  await moto?.stop();
});

async function put(stream: string, events: Array<{ at: number; message: string }>): Promise<void> {
  try {
    await aws.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
  } catch {
    // exists already
  }
  for (let i = 0; i < events.length; i += 1000)
    await aws.logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        logEvents: events.slice(i, i + 1000).map((e) => ({ timestamp: e.at, message: e.message })),
      }),
    );
}

const lines = (n: number, from: number, label: string) =>
  Array.from({ length: n }, (_, i) => ({ at: from + i * 10, message: `${label} line ${i}` }));

describe('CloudWatch logs of an ECS bot (moto)', () => {
  it('reads every line of every task across pages, oldest first, and never another bot’s', async () => {
    await put('b1/openclaw/task-a', lines(300, t0, 'a'));
    await put('b1/openclaw/task-b', lines(150, t0 + 5, 'b'));
    await put('b10/openclaw/task-x', lines(50, t0 + 1, 'other bot'));

    const got: LogLine[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await target.logs('b1', { limit: 100, ...(cursor ? { cursor } : {}) });
      got.push(...page.lines);
      cursor = page.cursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 50);

    expect(pages).toBeGreaterThanOrEqual(5);
    expect(got).toHaveLength(450);
    expect(new Set(got.map((l) => l.id)).size).toBe(450);
    expect(got.every((l) => l.source.startsWith('b1/'))).toBe(true);
    expect(got.filter((l) => l.source === 'b1/openclaw/task-a').map((l) => l.message)).toEqual(
      lines(300, t0, 'a').map((l) => l.message),
    );
    expect(got[0]).toEqual({
      at: new Date(t0).toISOString(),
      message: 'a line 0',
      source: 'b1/openclaw/task-a',
      id: expect.any(String),
    });
  });

  it('filters by time and refuses a time it cannot read', async () => {
    await put('b1/openclaw/task-a', lines(20, t0, 'a'));
    const page = await target.logs('b1', { since: new Date(t0 + 150).toISOString() });
    expect(page.lines.map((l) => l.message)).toEqual(
      lines(20, t0, 'a')
        .slice(15)
        .map((l) => l.message),
    );
    await expect(target.logs('b1', { since: 'yesterday' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('follows new lines in order, once each, until stopped', async () => {
    await put('b1/openclaw/task-a', lines(5, t0 - 10_000, 'before'));
    const controller = new AbortController();
    const received: LogLine[] = [];
    let wanted = 0;
    let notify: () => void = () => {};
    const enough = () =>
      new Promise<void>((resolve) => {
        notify = () => received.length >= wanted && resolve();
        notify();
      });
    const following = target.followLogs('b1', {
      signal: controller.signal,
      onLines: (batch) => {
        received.push(...batch);
        notify();
      },
    });

    wanted = 3;
    await put('b1/openclaw/task-a', lines(3, t0 + 1000, 'first'));
    await enough();
    // Two more lines in the same millisecond as the last one seen, plus a later one.
    wanted = 6;
    await put('b1/openclaw/task-a', [
      { at: t0 + 1020, message: 'same ms 1' },
      { at: t0 + 1020, message: 'same ms 2' },
    ]);
    await put('b1/openclaw/task-b', [{ at: t0 + 2000, message: 'later' }]);
    await put('b10/openclaw/task-x', [{ at: t0 + 2000, message: 'other bot' }]);
    await enough();

    controller.abort();
    await following;
    expect(received.map((l) => l.message)).toEqual([
      'first line 0',
      'first line 1',
      'first line 2',
      'same ms 1',
      'same ms 2',
      'later',
    ]);
  });
});
