import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RuntimeInstallProgress } from '../../../shared/domain/runtime-install.ts';
import { renderWithHost } from '../test-support/render-app.tsx';
import { createScriptedBridge } from '../test-support/scripted-bridge.ts';
import { RuntimeInstallBanner } from './RuntimeInstallBanner.tsx';

const progress = (over: Partial<RuntimeInstallProgress> = {}): RuntimeInstallProgress => ({
  version: '2026.9.6',
  state: 'running',
  step: 3,
  steps: 5,
  label: 'Installing openclaw',
  ...over,
});

function setUp() {
  const h = createScriptedBridge();
  renderWithHost(<RuntimeInstallBanner />, h);
  const push = (p: RuntimeInstallProgress) => act(() => h.emit('runtime.install.progress', p));
  return { push };
}

const rows = () => screen.queryAllByTestId('runtime-install');

describe('the OpenClaw install banner (against a scripted bridge test double)', () => {
  it('shows each running install with its step and a progress bar', () => {
    const { push } = setUp();
    expect(rows()).toHaveLength(0);
    push(progress({ step: 1, label: 'Fetching Node 24.16.0 from the npm registry', bytes: 5 * 1024 * 1024 }));
    expect(rows()[0]?.textContent).toBe(
      'Installing OpenClaw 2026.9.6: step 1 of 5, Fetching Node 24.16.0 from the npm registry (5.0 MB)',
    );
    push(progress());
    expect(rows()).toHaveLength(1);
    expect(rows()[0]?.textContent).toBe('Installing OpenClaw 2026.9.6: step 3 of 5, Installing openclaw');
    const bar = screen.getByRole('progressbar', { name: 'OpenClaw 2026.9.6 install progress' });
    expect(bar.getAttribute('value')).toBe('3');
    expect(bar.getAttribute('max')).toBe('5');

    push(progress({ version: '2026.10.1', step: 1 }));
    expect(rows()).toHaveLength(2);
  });

  it('keeps a failed install with its reason until dismissed', () => {
    const { push } = setUp();
    push(progress());
    push(progress({ state: 'failed', message: 'npm install exited with code 1: ENOSPC' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(
      'Installing OpenClaw 2026.9.6 failed at step 3 of 5, Installing openclaw.',
    );
    expect(alert.textContent).toContain('npm install exited with code 1: ENOSPC');
    expect(screen.queryByRole('progressbar')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss OpenClaw 2026.9.6' }));
    expect(rows()).toHaveLength(0);
  });

  it('says "installed" when done, until dismissed', () => {
    const { push } = setUp();
    push(progress());
    push(
      progress({
        state: 'done',
        step: 5,
        label: 'Installed',
        message: 'OpenClaw 2026.9.6 is ready in /data/runtimes/openclaw-2026.9.6',
      }),
    );
    expect(rows()[0]?.textContent).toContain('OpenClaw 2026.9.6 installed.');
    expect(rows()[0]?.textContent).toContain('/data/runtimes/openclaw-2026.9.6');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss OpenClaw 2026.9.6' }));
    expect(rows()).toHaveLength(0);
  });
});
