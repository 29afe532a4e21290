import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParamsIn } from '../../../../shared/contract/requests.ts';
import { changeSet } from '../../test-support/fixtures.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { ChangeSetsPage } from './ChangeSetsPage.tsx';

const YAML = 'apiVersion: clawster.dev/v1\nkind: Profile\nmetadata:\n  name: hardened\nspec:\n  config: {}\n';

function host(refuse: boolean) {
  const h = createScriptedBridge();
  h.answer('changeset.list', () => ({ ok: true, value: [] }));
  h.answer('changeset.create', () =>
    refuse
      ? {
          ok: false,
          error: {
            code: 'PRECONDITION',
            message:
              'This change would be refused: Bot Prod/alpha: sandbox.off (critical). Nothing was saved.',
            issues: [
              { path: 'bakeSec', message: 'Too big: expected number to be <=3600' },
              { path: 'change-set.yaml#1', message: 'spec.config: unknown key' },
            ],
          },
        }
      : { ok: true, value: changeSet({ id: 'cs9' }) },
  );
  return h;
}

const creates = (h: ReturnType<typeof createScriptedBridge>) =>
  h.calls.filter((c) => c.method === 'changeset.create').map((c) => c.params);

async function openForm() {
  await screen.findByText('No change sets yet');
  fireEvent.click(screen.getAllByRole('button', { name: 'New change set' })[0] as HTMLElement);
  return screen.getByTestId('changeset-form');
}
const type = (form: HTMLElement, label: string, value: string) =>
  fireEvent.change(within(form).getByLabelText(label), { target: { value } });

afterEach(() => {
  window.location.hash = '';
});

describe('the New change set form (against a scripted bridge test double)', () => {
  it('sends what was typed and loaded, with the strategy and the health gate, then opens the draft', async () => {
    const h = host(false);
    renderWithHost(<ChangeSetsPage />, h);
    const form = await openForm();
    type(form, 'Title', 'Harden the sandbox');
    type(form, 'Description', 'prod first');
    type(form, 'Manifests (YAML)', YAML);
    const file = new File(['kind: Overlay\n'], 'eu.yaml', { type: 'application/yaml' });
    fireEvent.change(within(form).getByLabelText('Load manifests from files'), { target: { files: [file] } });
    await within(form).findByTestId('loaded-file');
    type(form, 'Strategy', 'percentage');
    expect(within(form).getByTestId('strategy-explanation').textContent).toContain('Waves of 25%');
    type(form, 'Percent of the bots per wave', '10');
    type(form, 'Health timeout (seconds)', '60');
    type(form, 'Bake time (seconds)', '0');
    fireEvent.click(within(form).getByRole('button', { name: 'Create draft' }));

    await waitFor(() => expect(window.location.hash).toBe('#/changesets/cs9'));
    const expected: ParamsIn<'changeset.create'> = {
      title: 'Harden the sandbox',
      description: 'prod first',
      files: [
        { name: 'eu.yaml', text: 'kind: Overlay\n' },
        { name: 'change-set.yaml', text: YAML },
      ],
      strategy: { kind: 'percentage', percent: 10 },
      healthTimeoutSec: 60,
      bakeSec: 0,
    };
    expect(creates(h)).toEqual([expected]);
  });

  it('explains a canary strategy and sends its number', async () => {
    const h = host(false);
    renderWithHost(<ChangeSetsPage />, h);
    const form = await openForm();
    type(form, 'Title', 'Canary');
    type(form, 'Manifests (YAML)', YAML);
    type(form, 'Strategy', 'canary');
    type(form, 'Canary bots', '2');
    expect(within(form).getByTestId('strategy-explanation').textContent).toContain('2 canary bots first');
    fireEvent.click(within(form).getByRole('button', { name: 'Create draft' }));
    await waitFor(() => expect(creates(h)).toHaveLength(1));
    expect(creates(h)[0]).toMatchObject({
      strategy: { kind: 'canary', bots: 2 },
      healthTimeoutSec: 120,
      bakeSec: 30,
    });
  });

  it('shows the host’s refusal and its issues, and keeps everything typed', async () => {
    const h = host(true);
    renderWithHost(<ChangeSetsPage />, h);
    const form = await openForm();
    type(form, 'Title', 'Turn the sandbox off');
    type(form, 'Manifests (YAML)', YAML);
    type(form, 'Bake time (seconds)', '9999');
    fireEvent.click(within(form).getByRole('button', { name: 'Create draft' }));

    const notice = await within(form).findByTestId('error-notice');
    expect(notice.textContent).toContain('This change would be refused: Bot Prod/alpha: sandbox.off');
    expect(notice.textContent).toContain('change-set.yaml#1: spec.config: unknown key');
    expect(within(form).getByLabelText('Bake time (seconds)').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('Too big: expected number to be <=3600')).toBeTruthy();
    expect(within(form).getByLabelText<HTMLInputElement>('Title').value).toBe('Turn the sandbox off');
    expect(within(form).getByLabelText<HTMLTextAreaElement>('Manifests (YAML)').value).toBe(YAML);
    expect(within(form).getByLabelText<HTMLInputElement>('Bake time (seconds)').value).toBe('9999');
    expect(screen.getByTestId('changeset-form')).toBeTruthy();
    expect(window.location.hash).toBe('');
  });
});
