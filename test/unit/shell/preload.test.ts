import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../shared/contract/channels.ts';
import { ensureBuilt, outDir } from './built-app.ts';

type Listener = (...args: unknown[]) => void;

/**
 * Runs the built preload (out/preload/index.cjs) the way Electron's sandbox does, a CommonJS
 * script whose `require` knows only `electron`, with a stand-in for contextBridge and
 * ipcRenderer (TEST DOUBLE: the renderer half of Electron is not available here).
 */
function loadPreload() {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<Listener>>();
  const ipcRenderer = {
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'answer' })),
    on: (channel: string, fn: Listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(fn);
      listeners.set(channel, set);
    },
    off: (channel: string, fn: Listener) => listeners.get(channel)?.delete(fn),
  };
  const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) };
  const required: string[] = [];
  const requireInSandbox = (id: string) => {
    required.push(id);
    if (id === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`the preload may not require ${id}`);
  };
  const code = readFileSync(join(outDir, 'preload', 'index.cjs'), 'utf8');
  const module = { exports: {} };
  const wrapped: unknown = runInNewContext(`(function (require, module, exports) {\n${code}\n})`, {});
  if (typeof wrapped !== 'function') throw new Error('preload did not compile');
  wrapped(requireInSandbox, module, module.exports);
  return { exposed, ipcRenderer, listeners, required };
}

beforeAll(() => ensureBuilt(), 120_000);

describe('the built preload', () => {
  it('exposes exactly window.clawster with invoke and subscribe, and requires only electron', () => {
    const { exposed, required } = loadPreload();
    expect([...exposed.keys()]).toEqual(['clawster']);
    const api = exposed.get('clawster');
    expect(Object.keys(api as object).toSorted()).toEqual(['invoke', 'subscribe']);
    expect(required).toEqual(['electron']);
  });

  it('sends every request through the one invoke channel', async () => {
    const { exposed, ipcRenderer } = loadPreload();
    const api = exposed.get('clawster') as { invoke(m: string, p: unknown): Promise<unknown> };
    expect(await api.invoke('fleet.list', {})).toEqual({ ok: true, value: 'answer' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(INVOKE_CHANNEL, 'fleet.list', {});
  });

  it('passes events on without the IPC event object, and unsubscribes', () => {
    const { exposed, listeners } = loadPreload();
    const api = exposed.get('clawster') as { subscribe(l: Listener): () => void };
    const seen: unknown[][] = [];
    const unsubscribe = api.subscribe((...args) => seen.push(args));
    const channel = listeners.get(EVENT_CHANNEL);
    for (const fn of channel ?? []) fn({ sender: 'ipc internals' }, 'fleet.changed', { kind: 'created' });
    expect(seen).toEqual([['fleet.changed', { kind: 'created' }]]);
    unsubscribe();
    expect(channel?.size).toBe(0);
  });
});
