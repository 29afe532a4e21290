import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotRuntime } from '../../../../shared/domain/lifecycle.ts';
import { runtime, T0 } from '../../test-support/fixtures.ts';
import { RuntimeSummary } from './RuntimeSummary.tsx';

const base = runtime({ restartCount: 2 });
afterEach(cleanup);
const at = (iso: string) => () => Date.parse(iso);

describe('runtime summary on the bot page', () => {
  it('shows uptime, restarts, port and the OpenClaw it runs', () => {
    render(<RuntimeSummary runtime={base} now={at('2025-03-04T13:12:30.000Z')} />);
    expect(screen.getByTestId('uptime').textContent).toBe('3 h 12 min');
    expect(screen.getByTestId('restarts').textContent).toBe('2');
    expect(screen.getByText('30100')).toBeTruthy();
    expect(screen.getByText('2026.9.6')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the last error with the log lines before it', () => {
    const failed: BotRuntime = {
      ...base,
      state: 'error',
      startedAt: null,
      lastError: {
        code: 'EXITED',
        message: 'The gateway exited at once (code 1).',
        logTail: ['[gateway] config invalid', '[gateway] exiting'],
      },
    };
    render(<RuntimeSummary runtime={failed} now={at(T0)} />);
    expect(screen.getByTestId('uptime').textContent).toBe('Not running');
    expect(screen.getByRole('alert').textContent).toMatch(
      /Last error \(EXITED\): The gateway exited at once/,
    );
    expect(screen.getByText('Log lines before it (2)')).toBeTruthy();
    expect(screen.getByText(/config invalid/).textContent).toContain('[gateway] exiting');
  });

  it('shows nothing for a bot not deployed', () => {
    const { container } = render(<RuntimeSummary runtime={undefined} />);
    expect(container.textContent).toBe('');
  });
});
