import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../main/log/logger.ts';
import { checkForUpdate, type UpdateSource } from '../../../main/shell/updates.ts';

const source = (found: { version: string } | null): UpdateSource & { install: ReturnType<typeof vi.fn> } => ({
  check: vi.fn(async () => found),
  install: vi.fn(async () => {}),
});
const prompt = (answer: boolean) => ({
  ask: vi.fn(async (_u: { version: string }) => answer),
  tell: vi.fn(async (_message: string) => {}),
});

describe('the optional update check (never forced)', () => {
  it('says so when Clawster is up to date, and installs nothing', async () => {
    const s = source(null);
    const p = prompt(true);
    expect(await checkForUpdate(s, p, silentLogger)).toBe('up-to-date');
    expect(p.tell).toHaveBeenCalledWith('Clawster is up to date.');
    expect(s.install).not.toHaveBeenCalled();
  });

  it('installs nothing when the operator declines', async () => {
    const s = source({ version: '0.2.0' });
    const p = prompt(false);
    expect(await checkForUpdate(s, p, silentLogger)).toBe('declined');
    expect(p.ask).toHaveBeenCalledWith({ version: '0.2.0' });
    expect(s.install).not.toHaveBeenCalled();
  });

  it('installs only after the operator agrees', async () => {
    const s = source({ version: '0.2.0' });
    expect(await checkForUpdate(s, prompt(true), silentLogger)).toBe('installing');
    expect(s.install).toHaveBeenCalledWith('0.2.0');
  });

  it('reports a failed check or install plainly', async () => {
    const failing: UpdateSource = {
      check: async () => Promise.reject(new Error('offline')),
      install: vi.fn(),
    };
    const p = prompt(true);
    expect(await checkForUpdate(failing, p, silentLogger)).toBe('failed');
    expect(p.tell.mock.calls[0]?.[0]).toMatch(/^Could not check for updates/);
    const broken: UpdateSource = {
      check: async () => ({ version: '0.2.0' }),
      install: async () => Promise.reject(new Error('disk full')),
    };
    expect(await checkForUpdate(broken, p, silentLogger)).toBe('failed');
  });
});
