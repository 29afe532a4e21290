import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResultOf } from '../../../../shared/contract/requests.ts';
import type { SecretEntry } from '../../../../shared/domain/secrets.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { SecretsPage } from './SecretsPage.tsx';

const VALUE = 'xoxb-9f8e7d6c5b4a-THE-REAL-TOKEN';

const slack: SecretEntry = {
  store: 'keychain',
  name: 'clawster/alpha/slack-bot-token',
  usedBy: [
    { botId: 'b1', botName: 'alpha', path: 'config.channels.slack.botToken' },
    { botId: 'b1', botName: 'alpha', path: 'config.channels.slack.appToken' },
  ],
  present: false,
};
const openai: SecretEntry = {
  store: 'aws-sm',
  name: 'prod/openai',
  usedBy: [
    { botId: 'b2', botName: 'beta', path: 'config.models.providers.openai.apiKey' },
    { botId: 'b3', botName: 'gamma', path: 'config.models.providers.openai.apiKey' },
  ],
  present: true,
  lastChangedAt: '2026-03-01T09:00:00.000Z',
};
const anthropic: SecretEntry = {
  store: 'aws-sm',
  name: 'prod/anthropic',
  usedBy: [{ botId: 'b3', botName: 'gamma', path: 'config.models.providers.anthropic.apiKey' }],
  present: null,
};

function host(items: SecretEntry[] = [slack, openai, anthropic], problems: string[] = []) {
  const h = createScriptedBridge();
  let list: ResultOf<'secrets.list'> = { items, problems };
  h.answer('secrets.list', () => ({ ok: true, value: list }));
  return {
    h,
    setList(next: SecretEntry[]) {
      list = { items: next, problems };
    },
  };
}

const row = (name: string) => {
  const found = screen.getAllByTestId('secret-row').find((r) => r.dataset.secretName === name);
  if (!found) throw new Error(`no row for ${name}`);
  return found;
};
/** Whether the value shows anywhere: the page's markup, any field, or anything written to the console. */
function valueLeaked(consoleSpies: ReturnType<typeof vi.spyOn>[]): boolean {
  const inFields = [...document.querySelectorAll('input')].some((i) => i.value === VALUE);
  const logged = consoleSpies.some((spy) => JSON.stringify(spy.mock.calls).includes(VALUE));
  return document.body.innerHTML.includes(VALUE) || inFields || logged;
}
const spyConsole = () =>
  (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation(() => {}),
  );
afterEach(() => {
  vi.restoreAllMocks();
});

const puts = (h: ReturnType<typeof createScriptedBridge>) =>
  h.calls.filter((c) => c.method === 'secrets.put');

describe('the Secrets page (against a scripted bridge test double)', () => {
  it('lists each secret with its store, the bots that read it and whether it is set, and the problems', async () => {
    const { h } = host(undefined, ['AWS Secrets Manager could not be asked: no AWS credentials are set up.']);
    renderWithHost(<SecretsPage />, h);
    await screen.findAllByTestId('secret-row');
    const cells = (name: string) => [...row(name).children].map((c) => c.textContent);
    expect(cells(slack.name).slice(0, 4)).toEqual(['Keychain', slack.name, 'alpha', 'Missing']);
    expect(cells(openai.name).slice(0, 4)).toEqual(['AWS Secrets Manager', openai.name, 'betagamma', 'Set']);
    expect(cells(anthropic.name)[3]).toBe('Unknown');
    expect(within(row(openai.name)).getByRole('link', { name: 'gamma' }).getAttribute('href')).toBe(
      '#/bots/b3',
    );
    expect(screen.getByRole('button', { name: `Set value of ${slack.name}` }).textContent).toBe('Set value…');
    expect(screen.getByRole('button', { name: `Rotate ${openai.name}` }).textContent).toBe('Rotate…');
    expect(screen.queryByRole('button', { name: `Delete ${slack.name}` })).toBeNull();
    expect(screen.getByTestId('secrets-problem').textContent).toBe(
      'AWS Secrets Manager could not be asked: no AWS credentials are set up.',
    );
  });

  it('sets a missing value: the request carries it, and nothing on screen shows it after the dialog closes', async () => {
    const consoleSpies = spyConsole();
    const { h, setList } = host();
    h.answer('secrets.put', (p) => {
      setList([{ ...slack, present: true, lastChangedAt: '2026-03-10T12:00:00.000Z' }, openai, anthropic]);
      return { ok: true, value: { store: p.store, name: p.name, created: true, redeployed: [] } };
    });
    renderWithHost(<SecretsPage />, h);
    await screen.findAllByTestId('secret-row');
    fireEvent.click(screen.getByRole('button', { name: `Set value of ${slack.name}` }));
    const dialog = screen.getByTestId('secret-form');
    const value = within(dialog).getByLabelText<HTMLInputElement>('Value');
    expect(value.type).toBe('password');
    fireEvent.change(value, { target: { value: VALUE } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByTestId('secret-form')).toBeNull());
    expect(puts(h).map((c) => c.params)).toEqual([{ store: 'keychain', name: slack.name, value: VALUE }]);
    await waitFor(() => expect(within(row(slack.name)).getByTestId('secret-status').textContent).toBe('Set'));
    expect(valueLeaked(consoleSpies)).toBe(false);
  });

  it('rotates a secret and lists the bots it restarted, each with how it went', async () => {
    const consoleSpies = spyConsole();
    const { h } = host();
    h.answer('secrets.put', (p) => ({
      ok: true,
      value: {
        store: p.store,
        name: p.name,
        created: false,
        redeployed: [
          { botId: 'b2', ok: true },
          { botId: 'b3', ok: false, error: { code: 'UNAVAILABLE', message: 'ECS did not answer in time' } },
        ],
      },
    }));
    renderWithHost(<SecretsPage />, h);
    await screen.findAllByTestId('secret-row');
    fireEvent.click(screen.getByRole('button', { name: `Rotate ${openai.name}` }));
    const dialog = screen.getByTestId('secret-form');
    expect(dialog.textContent).toContain('beta, gamma are restarted');
    fireEvent.change(within(dialog).getByLabelText('Value'), { target: { value: VALUE } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate' }));

    const restarted = await within(dialog).findAllByTestId('redeployed-bot');
    expect(restarted.map((r) => r.textContent)).toEqual([
      'beta: restarted',
      'gamma: failed (UNAVAILABLE): ECS did not answer in time',
    ]);
    expect(within(dialog).getByTestId('rotation-result').textContent).toContain(
      '1 bot could not be restarted',
    );
    expect(puts(h)[0]?.params).toEqual({ store: 'aws-sm', name: openai.name, value: VALUE });
    expect(valueLeaked(consoleSpies)).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('secret-form')).toBeNull();
  });

  it('adds a secret with its store and name, and shows the issues the host reports beside the fields', async () => {
    const { h } = host([]);
    h.answer('secrets.put', (p) =>
      p.name === 'bad name'
        ? {
            ok: false,
            error: {
              code: 'VALIDATION',
              message: 'The secret was not stored: 1 field needs attention.',
              issues: [{ path: 'name', message: 'Use letters, digits and / _ . + = @ -' }],
            },
          }
        : { ok: true, value: { store: p.store, name: p.name, created: true, redeployed: [] } },
    );
    renderWithHost(<SecretsPage />, h);
    expect(await screen.findByText('No bot refers to a secret yet')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Add secret' })[0] as HTMLElement);
    const dialog = screen.getByTestId('secret-form');
    fireEvent.change(within(dialog).getByLabelText('Store'), { target: { value: 'aws-sm' } });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'bad name' } });
    fireEvent.change(within(dialog).getByLabelText('Value'), { target: { value: VALUE } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect((await within(dialog).findByTestId('error-notice')).textContent).toContain(
      '1 field needs attention',
    );
    expect(within(dialog).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'prod/slack' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByTestId('secret-form')).toBeNull());
    expect(puts(h).map((c) => c.params)).toEqual([
      { store: 'aws-sm', name: 'bad name', value: VALUE },
      { store: 'aws-sm', name: 'prod/slack', value: VALUE },
    ]);
    expect(valueLeaked([])).toBe(false);
  });

  it('shows why the host refuses to delete a secret a deployed bot reads, and deletes it once allowed', async () => {
    const { h, setList } = host();
    let deployed = true;
    h.answer('secrets.delete', () => {
      if (deployed)
        return {
          ok: false,
          error: {
            code: 'CONFLICT',
            message: 'prod/openai is read by deployed bots; destroy them or change their config first.',
            issues: [{ path: 'name', message: 'read by beta (deployed on AWS ECS)' }],
          },
        };
      setList([slack, anthropic]);
      return { ok: true, value: { removed: true } };
    });
    renderWithHost(<SecretsPage />, h);
    await screen.findAllByTestId('secret-row');
    fireEvent.click(screen.getByRole('button', { name: `Delete ${openai.name}` }));
    const dialog = screen.getByTestId('delete-secret');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete secret' }));
    const notice = await within(dialog).findByTestId('error-notice');
    expect(notice.textContent).toContain('is read by deployed bots');
    expect(notice.textContent).toContain('read by beta (deployed on AWS ECS)');
    expect(screen.getAllByTestId('secret-row')).toHaveLength(3);

    deployed = false;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete secret' }));
    await waitFor(() => expect(screen.queryByTestId('delete-secret')).toBeNull());
    await waitFor(() => expect(screen.getAllByTestId('secret-row')).toHaveLength(2));
    expect(h.calls.filter((c) => c.method === 'secrets.delete').map((c) => c.params)).toEqual([
      { store: 'aws-sm', name: openai.name },
      { store: 'aws-sm', name: openai.name },
    ]);
  });
});
