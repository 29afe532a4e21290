import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BotExplain } from '../../../../shared/domain/manifest.ts';
import { bot } from '../../test-support/fixtures.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { BotConfigSection } from './BotConfigSection.tsx';

const explainOf = (configured: boolean): BotExplain => ({
  botId: 'b1',
  configured,
  layers: configured
    ? [
        { kind: 'Template', name: 'minimal' },
        { kind: 'Profile', name: 'hardened' },
      ]
    : [],
  config: null,
  installs: null,
  hash: null,
  lines: configured
    ? [
        { path: 'config.gateway.bind', value: 'loopback', layer: { kind: 'Template', name: 'minimal' } },
        {
          path: 'config.agents.defaults.sandbox.mode',
          value: 'all',
          layer: { kind: 'Profile', name: 'hardened' },
        },
      ]
    : [],
  problems: [],
  findings: [],
  blocked: false,
});

function host(configured: boolean) {
  const h = createScriptedBridge();
  h.answer('bot.explain', () => ({ ok: true, value: explainOf(configured) }));
  h.answer('manifest.list', () => ({
    ok: true,
    value: [
      {
        kind: 'Template',
        name: 'minimal',
        version: 0,
        hash: 'h',
        builtin: true,
        updatedAt: null,
        updatedBy: null,
      },
      {
        kind: 'Profile',
        name: 'hardened',
        version: 1,
        hash: 'h',
        builtin: false,
        updatedAt: null,
        updatedBy: null,
      },
    ],
  }));
  return h;
}

describe('bot config (against a scripted bridge test double)', () => {
  it('explains every value with the layer that set it, filterable by path', async () => {
    renderWithHost(
      <BotConfigSection bot={bot({ id: 'b1', name: 'alpha' })} fleetName="payments" />,
      host(true),
    );
    const lines = await screen.findAllByTestId('explain-line');
    expect(lines.map((l) => l.textContent)).toEqual([
      'config.gateway.bind"loopback"Template minimal',
      'config.agents.defaults.sandbox.mode"all"Profile hardened',
    ]);
    fireEvent.change(screen.getByLabelText('Filter paths'), { target: { value: 'sandbox' } });
    expect(screen.getAllByTestId('explain-line')).toHaveLength(1);
  });

  it('configures a bot without config: a Bot manifest with the chosen layers, dry run then apply', async () => {
    const h = host(false);
    h.answer('manifest.apply', (p) => ({
      ok: true,
      value: {
        dryRun: Boolean((p as { dryRun?: boolean }).dryRun),
        applied: !(p as { dryRun?: boolean }).dryRun,
        manifests: [
          { kind: 'Bot', name: 'alpha', fleetName: 'payments', action: 'create', version: 1, diff: [] },
        ],
        bots: [],
        botsChanged: 1,
        refusals: [],
      },
    }));
    renderWithHost(<BotConfigSection bot={bot({ id: 'b1', name: 'alpha' })} fleetName="payments" />, h);
    await screen.findByTestId('configure-bot');
    await waitFor(() => expect(screen.getByRole('option', { name: 'hardened' })).toBeTruthy());
    fireEvent.change(screen.getByLabelText('Profile'), { target: { value: 'hardened' } });
    fireEvent.click(screen.getByRole('button', { name: 'Configure' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(h.calls.filter((c) => c.method === 'manifest.apply')).toHaveLength(2));
    const sent = h.calls.find((c) => c.method === 'manifest.apply')?.params as { files: { text: string }[] };
    expect(sent.files[0]?.text).toContain('kind: Bot');
    expect(sent.files[0]?.text).toContain('template: minimal\n  profile: hardened');
  });
});
