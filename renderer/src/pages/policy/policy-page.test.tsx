import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fleet } from '../../test-support/fixtures.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { PolicyPage } from './PolicyPage.tsx';

const T0 = '2026-11-24T10:00:00.000Z';
const finding = {
  ruleId: 'sandbox.off',
  severity: 'critical' as const,
  title: 'Sandbox off in production',
  why: 'Tools run on the host.',
  fix: 'Set agents.defaults.sandbox.mode to all.',
  path: 'config.agents.defaults.sandbox.mode',
};

function host() {
  const h = createScriptedBridge();
  h.answer('fleet.list', () => ({ ok: true, value: [fleet({ id: 'f1', name: 'payments' })] }));
  h.answer('policy.rules', () => ({
    ok: true,
    value: [
      {
        id: 'sandbox.off',
        title: 'Sandbox off',
        why: 'w',
        fix: 'f',
        severities: { dev: 'info', staging: 'warn', prod: 'critical' },
      },
    ],
  }));
  h.answer('policy.evaluateFleet', () => ({
    ok: true,
    value: {
      fleetId: 'f1',
      environment: 'prod',
      evaluatedAt: T0,
      bots: [
        {
          botId: 'b1',
          name: 'alpha',
          configured: true,
          blocked: true,
          counts: { critical: 1, warn: 0, info: 0 },
          findings: [finding],
          problems: [],
        },
      ],
    },
  }));
  h.answer('policy.exception.list', () => ({ ok: true, value: [] }));
  return h;
}

describe('policy page (against a scripted bridge test double)', () => {
  it("lists a fleet's bots with their findings, and records an exception for one with a reason and an expiry", async () => {
    const h = host();
    h.answer('policy.exception.create', () => ({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Give a reason',
        issues: [{ path: 'reason', message: 'Give a reason' }],
      },
    }));
    const { services } = renderWithHost(<PolicyPage />, h);
    await act(() => services.fleets.getState().load());
    expect((await screen.findByTestId('policy-bot')).textContent).toMatch(/alpha.*blocked.*1 critical/);
    expect(document.querySelector('[data-rule="sandbox.off"]')).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Record exception…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Record exception' }));
    expect((await screen.findAllByText('Give a reason')).length).toBeGreaterThan(0);
    const call = h.calls.find((c) => c.method === 'policy.exception.create');
    expect(call?.params).toMatchObject({ ruleId: 'sandbox.off', scope: 'bot', id: 'b1', reason: '' });
  });

  it('revokes an active exception', async () => {
    const h = host();
    h.answer('policy.exception.list', () => ({
      ok: true,
      value: [
        {
          exceptionId: 'e1',
          ruleId: 'sandbox.off',
          scope: 'bot',
          id: 'b1',
          targetName: 'payments/alpha',
          reason: 'lab',
          expiresAt: '2026-12-24T00:00:00.000Z',
          createdAt: T0,
          createdBy: 'ada',
          revokedAt: null,
          revokedBy: null,
          active: true,
        },
      ],
    }));
    h.answer('policy.exception.revoke', () => ({
      ok: false,
      error: { code: 'CONFLICT', message: 'already revoked' },
    }));
    const { services } = renderWithHost(<PolicyPage />, h);
    await act(() => services.fleets.getState().load());
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(h.calls.some((c) => c.method === 'policy.exception.revoke')).toBe(true));
    expect(await screen.findByText('already revoked')).toBeTruthy();
  });
});
