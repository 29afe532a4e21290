import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AwsBootstrapRecord } from '../../../../shared/domain/aws.ts';
import type { TargetStatus } from '../../../../shared/domain/lifecycle.ts';
import { bot, runtime } from '../../test-support/fixtures.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { BotPage } from './BotPage.tsx';
import { TargetStatusSection } from './TargetStatusSection.tsx';

const T0 = '2026-03-10T11:00:00.000Z';
const TASK = '0f3c9a7e51d24b6c8a1e2f3d4c5b6a79';

const ecsStatus = (over: Partial<TargetStatus> = {}): TargetStatus => ({
  state: 'running',
  health: 'healthy',
  desired: 1,
  running: 1,
  detail: '1 of 1 task running, healthy',
  instances: [
    { id: TASK, state: 'RUNNING', health: 'healthy', startedAt: T0 },
    {
      id: '9a8b7c6d5e4f40312a1b2c3d4e5f6a7b',
      state: 'STOPPED',
      health: 'unknown',
      startedAt: '2026-03-10T10:00:00.000Z',
      stoppedReason: 'Essential container in task exited',
    },
  ],
  // Twelve events, newest first: only the ten newest are shown.
  events: Array.from({ length: 12 }, (_, n) => ({
    at: new Date(Date.parse(T0) - n * 60_000).toISOString(),
    message: `(service clawster-alpha) event ${12 - n}`,
  })),
  ...over,
});

const bootstrap: AwsBootstrapRecord = {
  region: 'eu-central-1',
  accountId: '123456789012',
  clusterArn: 'arn:aws:ecs:eu-central-1:123456789012:cluster/clawster',
  logGroupName: '/clawster/bots',
  logGroupArn: 'arn:aws:logs:eu-central-1:123456789012:log-group:/clawster/bots',
  executionRoleArn: 'arn:aws:iam::123456789012:role/clawster-execution',
  taskRoleArn: 'arn:aws:iam::123456789012:role/clawster-task',
  at: T0,
};

const statusCalls = (h: ReturnType<typeof createScriptedBridge>) =>
  h.calls.filter((c) => c.method === 'bot.target.status');

describe('what the target reports on the bot page (against a scripted bridge test double)', () => {
  it('shows an ECS service: tasks, the ten newest events, and the approve command with region and task id', async () => {
    const h = createScriptedBridge();
    let answer = ecsStatus();
    h.answer('bot.target.status', () => ({ ok: true, value: answer }));
    h.answer('aws.settings.get', () => ({ ok: true, value: { ecs: null, bootstrap } }));
    renderWithHost(<TargetStatusSection botId="b1" target="ecs" />, h);

    expect(screen.getByRole('heading', { name: 'On AWS ECS' })).toBeTruthy();
    expect((await screen.findByTestId('target-detail')).textContent).toBe('1 of 1 task running, healthy');
    expect(screen.getByTestId('target-counts').textContent).toBe('1 of 1 wanted');
    const tasks = screen.getAllByTestId('target-instance');
    expect(tasks).toHaveLength(2);
    expect(tasks[0]?.textContent).toContain(TASK);
    expect(tasks[0]?.textContent).toContain('RUNNING');
    expect(tasks[0]?.textContent).toContain('Healthy');
    expect(tasks[1]?.textContent).toContain('Essential container in task exited');
    const events = screen.getAllByTestId('target-event');
    expect(events).toHaveLength(10);
    expect(events[0]?.textContent).toContain('event 12');
    expect(events[9]?.textContent).toContain('event 3');

    const pairing = screen.getByTestId('ecs-pairing');
    expect(within(pairing).getByText('Pair Clawster with this gateway')).toBeTruthy();
    expect(pairing.textContent).toContain('15 minutes');
    await waitFor(() =>
      expect(within(pairing).getByTestId('copy-command').textContent).toBe(
        `aws ecs execute-command --region eu-central-1 --cluster clawster --task ${TASK} ` +
          '--container openclaw --interactive --command "openclaw devices approve <requestId>"',
      ),
    );

    answer = ecsStatus({
      state: 'deploying',
      health: 'unknown',
      running: 0,
      detail: '0 of 1 task running, a deployment is in progress',
      instances: [],
      events: [],
    });
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() =>
      expect(screen.getByTestId('target-detail').textContent).toBe(
        '0 of 1 task running, a deployment is in progress',
      ),
    );
    expect(statusCalls(h).map((c) => c.params)).toEqual([{ id: 'b1' }, { id: 'b1' }]);
    expect(screen.getByText('No task is running.')).toBeTruthy();
    expect(screen.queryAllByTestId('target-event')).toHaveLength(0);
    expect(screen.getByTestId('copy-command').textContent).toContain('--task <task id>');
  });

  it('sits on the bot page once the bot has a runtime, and says "On this workstation" for a local bot', async () => {
    const h = createScriptedBridge();
    h.answer('bot.get', () => ({ ok: true, value: bot({ id: 'b1' }) }));
    h.answer('bot.runtime.list', () => ({ ok: true, value: [] }));
    h.answer('bot.target.status', () => ({
      ok: true,
      value: {
        state: 'running',
        health: 'healthy',
        desired: 1,
        running: 1,
        detail: 'Process 4242 running, healthy',
        instances: [{ id: '4242', state: 'running', health: 'healthy', startedAt: T0 }],
        events: [{ at: T0, message: 'Started (pid 4242)' }],
      },
    }));
    renderWithHost(<BotPage id="b1" />, h);
    await screen.findByRole('heading', { level: 1, name: 'alpha' });
    expect(screen.queryByTestId('target-status')).toBeNull();
    expect(statusCalls(h)).toHaveLength(0);

    act(() => {
      h.emit('bot.runtime.changed', runtime());
    });
    expect(await screen.findByRole('heading', { name: 'On this workstation' })).toBeTruthy();
    expect((await screen.findByTestId('target-detail')).textContent).toBe('Process 4242 running, healthy');
    expect(screen.getByTestId('target-instance').textContent).toContain('4242');
    expect(screen.queryByTestId('ecs-pairing')).toBeNull();
    expect(h.calls.some((c) => c.method === 'aws.settings.get')).toBe(false);
    // The pushed runtime that asking causes does not make it ask again.
    act(() => {
      h.emit('bot.runtime.changed', runtime({ updatedAt: '2026-03-10T11:00:05.000Z' }));
    });
    expect(statusCalls(h)).toHaveLength(1);
  });

  it('says plainly when the bot is not deployed, not as an error', async () => {
    const h = createScriptedBridge();
    const message = 'Bot "alpha" is not deployed.';
    h.answer('bot.target.status', () => ({ ok: false, error: { code: 'PRECONDITION', message } }));
    h.answer('aws.settings.get', () => ({ ok: true, value: { ecs: null, bootstrap: null } }));
    renderWithHost(<TargetStatusSection botId="b1" target="ecs" />, h);
    expect(await screen.findByText(message)).toBeTruthy();
    expect(screen.queryByTestId('error-notice')).toBeNull();
    expect(screen.queryByTestId('ecs-pairing')).toBeNull();
  });
});
