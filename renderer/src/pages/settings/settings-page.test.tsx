import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AwsBootstrapReport } from '../../../../shared/domain/aws.ts';
import { renderWithHost } from '../../test-support/render-app.tsx';
import { createScriptedBridge } from '../../test-support/scripted-bridge.ts';
import { SettingsPage } from './SettingsPage.tsx';

const none = {
  mode: 'none',
  region: null,
  accessKeyIdHint: null,
  hasSessionToken: false,
  profile: null,
} as const;
const record = {
  region: 'eu-west-1',
  accountId: '123456789012',
  clusterArn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/clawster',
  logGroupName: '/clawster/bots',
  logGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/clawster/bots',
  executionRoleArn: 'arn:aws:iam::123456789012:role/clawster-ecs-task-execution',
  taskRoleArn: 'arn:aws:iam::123456789012:role/clawster-bot-task',
  at: '2026-03-10T12:00:00.000Z',
};

/** A scripted bridge (TEST DOUBLE of the host) answering what the page loads. */
function host() {
  const h = createScriptedBridge();
  h.answer('alerts.settings.get', () => ({
    ok: true,
    value: { minSeverity: 'info', quietHours: null, pausedUntil: null },
  }));
  h.answer('aws.credentials.get', () => ({ ok: true, value: none }));
  h.answer('aws.settings.get', () => ({ ok: true, value: { ecs: null, bootstrap: null } }));
  h.answer('aws.profiles.list', () => ({
    ok: true,
    value: [{ name: 'dev', region: 'eu-central-1', kind: 'sso', files: ['config'] }],
  }));
  return h;
}

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function fieldError(label: string): string | null {
  const input = screen.getByLabelText(label);
  const id = input.getAttribute('aria-describedby')?.split(' ')[0];
  return input.getAttribute('aria-invalid') === 'true' && id
    ? (document.getElementById(id)?.textContent ?? null)
    : null;
}

describe('Settings > AWS (against a scripted bridge test double)', () => {
  it('shows the host’s issues next to the credential fields, then the identity once saved', async () => {
    const h = host();
    let attempt = 0;
    h.answer('aws.credentials.setKeys', (p) => {
      attempt += 1;
      if (attempt === 1)
        return {
          ok: false,
          error: {
            code: 'VALIDATION',
            message: 'The AWS access key details are not valid.',
            issues: [
              {
                path: 'accessKeyId',
                message: 'an access key ID is 16-128 capital letters and digits, e.g. AKIA…',
              },
              { path: 'region', message: 'not an AWS region name, e.g. eu-west-1' },
            ],
          },
        };
      return {
        ok: true,
        value: {
          credentials: { ...none, mode: 'keys', region: p.region, accessKeyIdHint: 'AKIA…WXYZ' },
          identity: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/bob', userId: 'AIDA1' },
        },
      };
    });
    renderWithHost(<SettingsPage />, h);
    await screen.findByText('No AWS credentials are set up yet.');
    fill('Access key ID', 'not a key');
    fill('Secret access key', 'planted-secret-value');
    fill('Region', 'Europe');
    fireEvent.click(screen.getByRole('button', { name: 'Check and save' }));

    await waitFor(() => expect(fieldError('Region')).toBe('not an AWS region name, e.g. eu-west-1'));
    expect(fieldError('Access key ID')).toContain('capital letters and digits');
    expect(fieldError('Secret access key')).toBeNull();
    expect(screen.getByTestId('error-notice').textContent).toContain(
      'The AWS access key details are not valid.',
    );

    fill('Access key ID', 'AKIAEXAMPLE0000WXYZ');
    fill('Region', 'eu-west-1');
    fireEvent.click(screen.getByRole('button', { name: 'Check and save' }));
    const identity = await screen.findByTestId('aws-identity');
    expect(identity.textContent).toContain('arn:aws:iam::123456789012:user/bob');
    expect(identity.textContent).toContain('Access key AKIA…WXYZ');
    expect(fieldError('Region')).toBeNull();
    // The secret is not kept in the form once the host has it.
    expect(screen.getByLabelText<HTMLInputElement>('Secret access key').value).toBe('');
    expect(h.calls.filter((c) => c.method === 'aws.credentials.setKeys').at(-1)?.params).toEqual({
      accessKeyId: 'AKIAEXAMPLE0000WXYZ',
      secretAccessKey: 'planted-secret-value',
      region: 'eu-west-1',
    });
  });

  it('offers the ~/.aws profiles and sends the chosen one', async () => {
    const h = host();
    h.answer('aws.credentials.useProfile', () => ({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'AWS profile "dev" has no region.',
        issues: [{ path: 'region', message: 'required' }],
      },
    }));
    renderWithHost(<SettingsPage />, h);
    fireEvent.click(await screen.findByLabelText('Profile from ~/.aws'));
    fireEvent.change(screen.getByLabelText('Profile'), { target: { value: 'dev' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check and save' }));
    await waitFor(() => expect(fieldError('Region')).toBe('required'));
    expect(h.calls.at(-1)).toEqual({ method: 'aws.credentials.useProfile', params: { profile: 'dev' } });
  });

  it('shows the ECS settings issues next to their fields and sends lists split on commas', async () => {
    const h = host();
    h.answer('aws.settings.set', () => ({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Invalid input for aws.settings.set.',
        issues: [
          { path: 'subnets.1', message: 'a subnet id, e.g. subnet-0abc12345' },
          { path: 'memoryMiB', message: 'Fargate with 512 CPU units takes 1024-4096 MiB in 1024 steps' },
        ],
      },
    }));
    renderWithHost(<SettingsPage />, h);
    await screen.findByLabelText('Subnets');
    fill('Subnets', 'subnet-0abc12345, nope');
    fill('Security groups', 'sg-0abc12345');
    fireEvent.change(screen.getByLabelText('CPU units'), { target: { value: '512' } });
    fill('Memory (MiB)', '8192');
    fireEvent.click(screen.getByRole('button', { name: 'Save ECS settings' }));
    await waitFor(() => expect(fieldError('Subnets')).toBe('a subnet id, e.g. subnet-0abc12345'));
    expect(fieldError('Memory (MiB)')).toContain('1024-4096 MiB');
    expect(fieldError('Security groups')).toBeNull();
    expect(h.calls.at(-1)?.params).toEqual({
      subnets: ['subnet-0abc12345', 'nope'],
      securityGroups: ['sg-0abc12345'],
      image: 'ghcr.io/openclaw/openclaw:2026.9.6',
      cpu: '512',
      memoryMiB: 8192,
      recoveryWindowDays: 30,
    });
  });

  it('runs bootstrap and shows the per-resource report', async () => {
    const h = host();
    const report: AwsBootstrapReport = {
      record,
      changed: false,
      summary: 'All 4 Clawster resources already existed in eu-west-1 as wanted; nothing changed.',
      resources: [
        { kind: 'cluster', name: 'clawster', arn: record.clusterArn, status: 'existed', changes: [] },
        {
          kind: 'log-group',
          name: '/clawster/bots',
          arn: record.logGroupArn,
          status: 'updated',
          changes: ['retention set to 30 days'],
        },
      ],
    };
    h.answer('aws.bootstrap', () => ({ ok: true, value: report }));
    renderWithHost(<SettingsPage />, h);
    await screen.findByLabelText('Bootstrap region');
    fill('Bootstrap region', 'eu-west-1');
    fireEvent.click(screen.getByRole('button', { name: 'Bootstrap AWS' }));
    const shown = await screen.findByTestId('bootstrap-report');
    expect(within(shown).getByRole('status').textContent).toContain('nothing changed');
    const rows = within(shown)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows.slice(1)).toEqual([
      'clusterclawsterexisted',
      'log-group/clawster/botsupdated: retention set to 30 days',
    ]);
    expect(h.calls.at(-1)).toEqual({ method: 'aws.bootstrap', params: { region: 'eu-west-1' } });
  });
});
