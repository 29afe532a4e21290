import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { builtinTemplates } from '../../../../shared/config/builtin-templates.ts';
import type { ApplyPlan } from '../../../../shared/domain/manifest.ts';
import { parseRoute } from '../../app/router.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { ManifestEditorPage } from './ManifestEditorPage.tsx';

const plan = (over: Partial<ApplyPlan> = {}): ApplyPlan => ({
  dryRun: true,
  applied: false,
  manifests: [{ kind: 'Profile', name: 'hardened', action: 'create', version: 1, diff: [] }],
  bots: [],
  botsChanged: 0,
  refusals: [],
  ...over,
});

function host() {
  const h = createScriptedBridge();
  h.answer('manifest.catalog', () => ({
    ok: true,
    value: { templates: [...builtinTemplates], profiles: [], overlays: [] },
  }));
  return h;
}

const typeYaml = (text: string) =>
  fireEvent.change(screen.getByLabelText('Manifest YAML'), { target: { value: text } });

describe('manifest editor (against a scripted bridge test double)', () => {
  it('routes #/config/Profile/new and #/config/Profile/edit/hardened to the editor', () => {
    expect(parseRoute('#/config/Profile/new')).toEqual({
      name: 'manifest',
      kind: 'Profile',
      manifestName: null,
    });
    expect(parseRoute('#/config/Profile/edit/hardened')).toEqual({
      name: 'manifest',
      kind: 'Profile',
      manifestName: 'hardened',
    });
  });

  it('shows a YAML problem with its line as the operator types', async () => {
    renderWithHost(<ManifestEditorPage kind="Profile" name={null} />, host());
    typeYaml('apiVersion: clawster.dev/v1\nkind: Profile\nmetadata:\n  name: [broken\n');
    expect((await screen.findByTestId('manifest-issues')).textContent).toMatch(/Line \d+/);
    expect(screen.getByRole('button', { name: 'Review and save' }).hasAttribute('disabled')).toBe(true);
  });

  it('shows a critical finding inline for a profile that turns the sandbox off in prod', async () => {
    renderWithHost(<ManifestEditorPage kind="Profile" name={null} />, host());
    typeYaml(
      'apiVersion: clawster.dev/v1\nkind: Profile\nmetadata:\n  name: hardened\nspec:\n  config:\n    agents:\n      defaults:\n        sandbox:\n          mode: "off"\n',
    );
    await waitFor(() =>
      expect(document.querySelector('[data-rule="sandbox.off"]')?.textContent).toMatch(/critical/),
    );
    expect(screen.getByText('Profile hardened', { selector: 'td' })).toBeTruthy();
  });

  it('saves through a dry run, then applies what the operator reviewed', async () => {
    const h = host();
    h.answer('manifest.apply', (p) => ({
      ok: true,
      value: plan({
        dryRun: (p as { dryRun?: boolean }).dryRun ?? false,
        applied: !(p as { dryRun?: boolean }).dryRun,
      }),
    }));
    renderWithHost(<ManifestEditorPage kind="Profile" name={null} />, h);
    typeYaml(
      'apiVersion: clawster.dev/v1\nkind: Profile\nmetadata:\n  name: hardened\nspec:\n  config: {}\n',
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Review and save' }).hasAttribute('disabled')).toBe(false),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Review and save' }));
    await screen.findByTestId('plan-dialog');
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(
        h.calls
          .filter((c) => c.method === 'manifest.apply')
          .map((c) => (c.params as { dryRun: boolean }).dryRun),
      ).toEqual([true, false]),
    );
  });

  it('cannot apply a plan the host refuses', async () => {
    const h = host();
    h.answer('manifest.apply', () => ({
      ok: true,
      value: plan({ refusals: ['Bot Prod/alpha: sandbox.off (critical)'] }),
    }));
    renderWithHost(<ManifestEditorPage kind="Profile" name={null} />, h);
    typeYaml(
      'apiVersion: clawster.dev/v1\nkind: Profile\nmetadata:\n  name: hardened\nspec:\n  config: {}\n',
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Review and save' }).hasAttribute('disabled')).toBe(false),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Review and save' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/sandbox\.off/);
    expect(screen.getByRole('button', { name: 'Apply' }).hasAttribute('disabled')).toBe(true);
  });
});
