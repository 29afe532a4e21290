import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../../main/clock.ts';
import { type ControlPlane, createControlPlane } from '../../../main/control-plane.ts';
import { silentLogger } from '../../../main/log/logger.ts';
import { forwardEvents, serveIpc } from '../../../main/shell/ipc.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../shared/contract/channels.ts';
import { ipcMain, resetElectronStub, stub, WebContents } from '../../support/electron-stub/index.ts';

vi.mock('electron', () => import('../../support/electron-stub/index.ts'));

let dir = '';
let cp: ControlPlane;
let stop: () => void = () => {};
beforeEach(() => {
  resetElectronStub();
  dir = mkdtempSync(join(tmpdir(), 'clawster-ipc-'));
  cp = createControlPlane({
    dataDir: dir,
    clock: fixedClock('2026-03-10T12:00:00.000Z'),
    actor: 'tester',
    host: 'electron',
    validateResults: true,
  });
  stop = serveIpc(ipcMain as Parameters<typeof serveIpc>[0], cp.dispatch, silentLogger);
});
afterEach(() => {
  stop();
  cp.close();
  rmSync(dir, { recursive: true, force: true });
});

const ours = { senderFrame: { url: 'clawster://app/index.html#/fleets', parent: null } };
const invoke = (event: unknown, method: unknown, params?: unknown) => {
  const handler = stub.ipcHandlers.get(INVOKE_CHANNEL);
  if (!handler) throw new Error('no invoke handler');
  return Promise.resolve(handler(event, method, params));
};

describe('the IPC host (electron stub, real control plane)', () => {
  it('answers our window with the result object', async () => {
    const created = await invoke(ours, 'fleet.create', { name: 'prod', environment: 'prod' });
    expect(created).toMatchObject({ ok: true, value: { name: 'prod', environment: 'prod' } });
    expect(await invoke(ours, 'app.info', {})).toMatchObject({ ok: true, value: { host: 'electron' } });
  });

  it('turns bad input into error results, never a rejection', async () => {
    expect(await invoke(ours, 'no.such.method', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(await invoke(ours, 42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await invoke(ours, 'fleet.create', { name: '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('refuses requests from other frames and origins, and changes nothing', async () => {
    const foreign = [
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'clawster://app/index.html', parent: { url: 'clawster://app/index.html' } } },
      { senderFrame: { url: 'file:///tmp/x.html', parent: null } },
      { senderFrame: null },
    ];
    for (const event of foreign) {
      expect(await invoke(event, 'fleet.create', { name: 'x', environment: 'dev' })).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Requests are accepted from the Clawster window only.' },
      });
    }
    expect(await invoke(ours, 'fleet.list', {})).toEqual({ ok: true, value: [] });
  });

  it('removes its handler when stopped', () => {
    stop();
    expect(stub.ipcHandlers.has(INVOKE_CHANNEL)).toBe(false);
    stop = () => {};
  });

  it('pushes control-plane events to live windows only', async () => {
    const live = new WebContents();
    const gone = new WebContents();
    gone.destroyed = true;
    const unsubscribe = forwardEvents(cp.onEvent, () => [live, gone]);
    await invoke(ours, 'fleet.create', { name: 'prod', environment: 'prod' });
    unsubscribe();
    await invoke(ours, 'fleet.create', { name: 'dev', environment: 'dev' });
    expect(live.sent.map((m) => [m.channel, m.args[0]])).toEqual([
      [EVENT_CHANNEL, 'fleet.changed'],
      [EVENT_CHANNEL, 'audit.appended'],
    ]);
    expect(live.sent[0]?.args[1]).toMatchObject({ kind: 'created', item: { name: 'prod' } });
    expect(gone.sent).toEqual([]);
  });
});
