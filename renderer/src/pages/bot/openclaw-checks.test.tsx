import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../../shared/contract/errors.ts';
import type { BotRuntime } from '../../../../shared/domain/lifecycle.ts';
import type { OpenclawChecksReport } from '../../../../shared/domain/openclaw-checks.ts';
import { bot } from '../../test-support/fixtures.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge, deferred } from '../../test-support/scripted-bridge.ts';
import { BotPage } from './BotPage.tsx';
import { OpenclawChecksSection } from './OpenclawChecksSection.tsx';

const report = (over: Partial<OpenclawChecksReport> = {}): OpenclawChecksReport => ({
  botId: 'b1',
  ranAt: '2026-03-10T12:00:00.000Z',
  openclawVersion: '2026.9.6',
  trigger: 'operator',
  findings: [
    { source: 'doctor', checkId: 'gateway.port', severity: 'info', title: 'Gateway listens on 18789' },
    {
      source: 'doctor',
      checkId: 'state.legacy_dir',
      severity: 'warn',
      title: 'Legacy state directory found',
      fix: 'Run openclaw doctor --fix',
    },
    {
      source: 'security-audit',
      checkId: 'fs.config.perms_world_readable',
      severity: 'critical',
      title: 'Config file is world-readable',
      detail: 'mode 0644\nowner bot',
      fix: 'chmod 600 the config file',
      path: '~/.openclaw/openclaw.json',
    },
  ],
  counts: { critical: 1, warn: 1, info: 1 },
  failures: [{ source: 'doctor', message: 'doctor --json printed no JSON' }],
  newCritical: ['security-audit:fs.config.perms_world_readable@~/.openclaw/openclaw.json'],
  ...over,
});

const runtime: BotRuntime = {
  botId: 'b1',
  target: 'local',
  desiredState: 'running',
  state: 'running',
  stateSince: '2026-03-10T11:00:00.000Z',
  openclawVersion: '2026.9.6',
  configHash: null,
  port: 18789,
  startedAt: '2026-03-10T11:00:00.000Z',
  restartCount: 0,
  lastError: null,
  updatedAt: '2026-03-10T11:00:00.000Z',
};

function host(last: OpenclawChecksReport | null = null) {
  const h = createScriptedBridge();
  h.answer('bot.checks.get', () => ({ ok: true, value: last }));
  return h;
}

const runButton = () => screen.getByRole<HTMLButtonElement>('button', { name: /Run checks|Running…/ });
const findings = () => screen.getAllByTestId('check-finding');

describe('OpenClaw checks on the bot page (against a scripted bridge test double)', () => {
  it('says "Not run yet", runs the checks, and shows findings critical first with the new one marked', async () => {
    const h = host(null);
    const answer = deferred<Result<OpenclawChecksReport>>();
    h.answer('bot.checks.run', () => answer.promise);
    renderWithHost(<OpenclawChecksSection botId="b1" deployedHere />, h);
    expect((await screen.findByTestId('checks-not-run')).textContent).toBe('Not run yet.');

    fireEvent.click(runButton());
    await waitFor(() => expect(runButton().textContent).toBe('Running…'));
    expect(runButton().disabled).toBe(true);
    await act(async () => answer.resolve({ ok: true, value: report() }));

    await waitFor(() => expect(findings()).toHaveLength(3));
    expect(runButton().textContent).toBe('Run checks');
    expect(runButton().disabled).toBe(false);
    expect(screen.queryByTestId('checks-not-run')).toBeNull();
    expect(findings().map((f) => f.querySelector('.badge')?.textContent)).toEqual([
      'critical',
      'warn',
      'info',
    ]);
    const [critical, warn] = findings();
    expect(critical?.textContent).toContain('Security audit');
    expect(critical?.textContent).toContain('fs.config.perms_world_readable');
    expect(critical?.textContent).toContain('~/.openclaw/openclaw.json');
    expect(critical?.querySelector('pre')?.textContent).toBe('mode 0644\nowner bot');
    expect(critical?.textContent).toContain('Fix: chmod 600 the config file');
    expect(within(critical as HTMLElement).getByText('New')).toBeTruthy();
    expect(warn?.textContent).toContain('Doctor');
    expect(within(warn as HTMLElement).queryByText('New')).toBeNull();
    expect(screen.getByTestId('checks-counts').textContent).toBe('1 critical 1 warning 1 info');
    expect(screen.getByTestId('checks-summary').textContent).toContain('run by an operator');
    expect(screen.getByTestId('checks-summary').textContent).toContain('OpenClaw 2026.9.6');
    expect(screen.getByTestId('checks-failure').textContent).toBe(
      'Doctor could not run: doctor --json printed no JSON',
    );
    expect(h.calls.filter((c) => c.method === 'bot.checks.run').map((c) => c.params)).toEqual([{ id: 'b1' }]);
  });

  it('shows a refusal because the bot is not deployed here plainly, not as an error', async () => {
    const h = host(null);
    const message = "OpenClaw's own checks run on this machine for bots deployed here. Deploy the bot first.";
    h.answer('bot.checks.run', () => ({ ok: false, error: { code: 'PRECONDITION', message } }));
    renderWithHost(<OpenclawChecksSection botId="b1" deployedHere />, h);
    await screen.findByTestId('checks-not-run');
    fireEvent.click(runButton());
    expect(await screen.findByText(message)).toBeTruthy();
    expect(screen.queryByTestId('error-notice')).toBeNull();
    expect(runButton().disabled).toBe(false);
  });

  it("takes this bot's new reports as they are pushed and ignores other bots'", async () => {
    const h = host(report({ trigger: 'deploy', newCritical: [] }));
    renderWithHost(<OpenclawChecksSection botId="b1" deployedHere />, h);
    await waitFor(() => expect(findings()).toHaveLength(3));
    expect(screen.getByTestId('checks-summary').textContent).toContain('after a deploy');
    expect(screen.queryByText('New')).toBeNull();
    act(() => {
      h.emit(
        'bot.checks.changed',
        report({ botId: 'b2', findings: [], counts: { critical: 0, warn: 0, info: 0 } }),
      );
    });
    expect(findings()).toHaveLength(3);
    act(() => {
      h.emit(
        'bot.checks.changed',
        report({
          ranAt: '2026-03-10T12:30:00.000Z',
          openclawVersion: '2026.9.7',
          findings: [],
          counts: { critical: 0, warn: 0, info: 0 },
          failures: [],
          newCritical: [],
        }),
      );
    });
    expect(screen.queryAllByTestId('check-finding')).toHaveLength(0);
    expect(screen.getByText('OpenClaw found nothing to report.')).toBeTruthy();
    expect(screen.getByTestId('checks-summary').textContent).toContain('OpenClaw 2026.9.7');
  });

  it('offers Run checks only for a bot deployed on this machine', async () => {
    const h = host(null);
    h.answer('bot.get', () => ({ ok: true, value: bot({ id: 'b1' }) }));
    h.answer('bot.runtime.list', () => ({ ok: true, value: [] }));
    renderWithHost(<BotPage id="b1" />, h);
    const notRun = await screen.findByTestId('checks-not-run');
    expect(notRun.textContent).toContain('once it is deployed on this machine');
    expect(screen.queryByRole('button', { name: 'Run checks' })).toBeNull();
    act(() => {
      h.emit('bot.runtime.changed', runtime);
    });
    expect(await screen.findByRole('button', { name: 'Run checks' })).toBeTruthy();
    expect(screen.getByTestId('checks-not-run').textContent).toBe('Not run yet.');
  });
});
