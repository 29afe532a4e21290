import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { type BotLogLine, logLineMatches } from '../../../../shared/domain/logs.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { BotLogs } from './BotLogs.tsx';
import { appendLines } from './log-lines.ts';

const line = (n: number, level: string, message: string): BotLogLine => ({
  id: `L${n}`,
  at: `2026-11-24T10:00:0${n % 10}.000Z`,
  level,
  message,
  source: 'openclaw.log',
});

const log = [
  line(1, 'info', 'gateway listening on 127.0.0.1:30100'),
  line(2, 'warn', 'model call slow: 4.2 s'),
  line(3, 'error', 'provider timeout after 30 s'),
  line(4, 'info', 'retrying the provider'),
];

/** Pages of two lines, oldest first, filtered as the host filters them; follow hands out F1, F2, … */
function host() {
  const h = createScriptedBridge();
  h.answer('bot.logs.page', (p) => {
    const from = Number(p.cursor ?? 0);
    const kept = log.filter((l) => logLineMatches(l, p));
    const next = from + 2;
    return {
      ok: true,
      value: { lines: kept.slice(from, next), cursor: next < kept.length ? String(next) : null },
    };
  });
  let follows = 0;
  h.answer('bot.logs.follow', () => ({ ok: true, value: { followId: `F${++follows}` } }));
  h.answer('bot.logs.unfollow', () => ({ ok: true, value: { stopped: true } }));
  return h;
}

const shown = () => screen.queryAllByTestId('log-line').map((r) => r.textContent);
const called = (h: ReturnType<typeof host>, method: string) =>
  h.calls.filter((c) => c.method === method).map((c) => c.params);

describe('bot logs (against a scripted bridge test double)', () => {
  it('shows the tail of the log with time, level and text, reading every page to the end', async () => {
    const h = host();
    renderWithHost(<BotLogs botId="b1" />, h);
    await waitFor(() => expect(shown()).toHaveLength(4));
    expect(shown()[2]).toContain('error');
    expect(shown()[2]).toContain('provider timeout after 30 s');
    expect(screen.getAllByTestId('log-line')[0]?.querySelector('time')?.getAttribute('datetime')).toBe(
      '2026-11-24T10:00:01.000Z',
    );
    expect(called(h, 'bot.logs.page')).toEqual([
      { id: 'b1', limit: 1000 },
      { id: 'b1', limit: 1000, cursor: '2' },
    ]);
  });

  it('filters by level and by search text', async () => {
    const h = host();
    renderWithHost(<BotLogs botId="b1" />, h);
    await waitFor(() => expect(shown()).toHaveLength(4));

    fireEvent.change(screen.getByLabelText('Level'), { target: { value: 'warn' } });
    await waitFor(() => expect(shown()).toHaveLength(2));
    expect(called(h, 'bot.logs.page').at(-1)).toEqual({ id: 'b1', level: 'warn', limit: 1000 });

    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'timeout' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Log filters' }));
    await waitFor(() => expect(shown()).toHaveLength(1));
    expect(shown()[0]).toContain('provider timeout');
    expect(called(h, 'bot.logs.page').at(-1)).toEqual({
      id: 'b1',
      level: 'warn',
      search: 'timeout',
      limit: 1000,
    });

    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'nothing like it' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Log filters' }));
    expect(await screen.findByText('No lines match the filters.')).toBeTruthy();
  });

  it('follows: appends the pushed lines of its own follow once each, and unfollows when turned off', async () => {
    const h = host();
    renderWithHost(<BotLogs botId="b1" />, h);
    await waitFor(() => expect(shown()).toHaveLength(4));
    fireEvent.click(screen.getByLabelText('Follow'));
    await waitFor(() => expect(called(h, 'bot.logs.follow')).toEqual([{ id: 'b1' }]));

    const fresh = line(5, 'info', 'session started');
    act(() => {
      h.emit('bot.logs.appended', { followId: 'F1', botId: 'b1', lines: [fresh] });
      h.emit('bot.logs.appended', { followId: 'F1', botId: 'b1', lines: [fresh] });
      h.emit('bot.logs.appended', { followId: 'someone-else', botId: 'b1', lines: [line(6, 'info', 'x')] });
    });
    await waitFor(() => expect(shown()).toHaveLength(5));
    expect(shown()[4]).toContain('session started');

    fireEvent.click(screen.getByLabelText('Follow'));
    await waitFor(() => expect(called(h, 'bot.logs.unfollow')).toEqual([{ followId: 'F1' }]));
    act(() => h.emit('bot.logs.appended', { followId: 'F1', botId: 'b1', lines: [line(7, 'info', 'late')] }));
    expect(shown()).toHaveLength(5);
  });

  it('follows with the current filters, and stops following when the page goes away', async () => {
    const h = host();
    const view = renderWithHost(<BotLogs botId="b1" />, h);
    await waitFor(() => expect(shown()).toHaveLength(4));
    fireEvent.change(screen.getByLabelText('Level'), { target: { value: 'error' } });
    fireEvent.click(screen.getByLabelText('Follow'));
    await waitFor(() => expect(called(h, 'bot.logs.follow')).toEqual([{ id: 'b1', level: 'error' }]));
    await waitFor(() => expect(shown()).toHaveLength(1));
    act(() =>
      h.emit('bot.logs.appended', { followId: 'F1', botId: 'b1', lines: [line(8, 'error', 'boom')] }),
    );
    await waitFor(() => expect(shown()).toHaveLength(2));

    view.unmount();
    await waitFor(() => expect(called(h, 'bot.logs.unfollow')).toEqual([{ followId: 'F1' }]));
  });

  it('applies the search once typing pauses, and leaves no timer behind when the page goes away', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const h = host();
      const view = renderWithHost(<BotLogs botId="b1" />, h);
      await vi.waitFor(() => expect(shown()).toHaveLength(4));
      fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'provider' } });
      act(() => vi.advanceTimersByTime(299));
      expect(called(h, 'bot.logs.page').some((p) => JSON.stringify(p).includes('provider'))).toBe(false);
      act(() => vi.advanceTimersByTime(1));
      await vi.waitFor(() => expect(shown()).toHaveLength(2));

      fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'provider t' } });
      expect(vi.getTimerCount()).toBe(1);
      view.unmount();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says why there is no log for a bot not deployed here, and does not follow it', async () => {
    const h = createScriptedBridge();
    const refusal = {
      ok: false as const,
      error: {
        code: 'PRECONDITION' as const,
        message: 'This bot has not been deployed on this machine, so it has no logs here yet.',
      },
    };
    h.answer('bot.logs.page', () => refusal);
    h.answer('bot.logs.follow', () => refusal);
    renderWithHost(<BotLogs botId="b1" />, h);
    expect(await screen.findByText(/has not been deployed on this machine/)).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Follow'));
    await waitFor(() => expect(screen.getAllByText(/has not been deployed/)).toHaveLength(2));
    expect((screen.getByLabelText('Follow') as HTMLInputElement).checked).toBe(false);
  });

  it('keeps at most the newest lines it was asked to, each line once', () => {
    const kept = appendLines(
      [line(1, 'info', 'a'), line(2, 'info', 'b')],
      [line(2, 'info', 'b'), line(3, 'info', 'c')],
      2,
    );
    expect(kept.map((l) => l.id)).toEqual(['L2', 'L3']);
  });
});
