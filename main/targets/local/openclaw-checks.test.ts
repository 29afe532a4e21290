import { describe, expect, it } from 'vitest';
import { registerSecretValue } from '../../log/redact.ts';
import type { CommandRunner } from './command.ts';
import { parseDoctor, parseSecurityAudit, runOpenclawChecks } from './openclaw-checks.ts';
import type { OpenclawRuntime } from './runtime-types.ts';

// Shapes as openclaw@2026.9.6 prints them (see the real-gateway test for the real thing).
const audit = {
  ts: 1,
  summary: { critical: 1, warn: 1, info: 0 },
  findings: [
    {
      checkId: 'gateway.trusted_proxies_missing',
      severity: 'warn',
      title: 'Reverse proxy headers are not trusted',
      detail: 'gateway.bind is loopback and gateway.trustedProxies is empty.',
      remediation: 'Set gateway.trustedProxies to your proxy IPs.',
    },
    {
      checkId: 'fs.config.perms_world_readable',
      severity: 'critical',
      title: 'Config file is world-readable',
      detail: '',
      extra: { kept: 'unknown keys are ignored' },
    },
  ],
  secretDiagnostics: [],
};
const doctor = {
  schemaVersion: 1,
  ok: false,
  checksRun: 35,
  findings: [
    {
      checkId: 'core/doctor/gateway-config',
      severity: 'warning',
      message: 'gateway.mode is unset; gateway start will be blocked.',
      path: 'gateway.mode',
      fixHint: 'openclaw config set gateway.mode local',
    },
    { checkId: 'core/doctor/state', severity: 'error', message: 'The state directory is not writable.' },
  ],
};

const runtime: OpenclawRuntime = {
  version: '2026.9.6',
  command: '/opt/node',
  args: ['/opt/openclaw.mjs'],
  source: 'operator',
  location: '/opt/openclaw.mjs',
};

/** A scripted stand-in for the openclaw CLI (a test double): answers per subcommand. */
function cli(answers: Record<string, () => Promise<{ stdout: string; stderr: string }>>): {
  run: CommandRunner;
  calls: string[][];
} {
  const calls: string[][] = [];
  return {
    calls,
    run: async (command, args) => {
      calls.push([command, ...args]);
      const answer = answers[args[1] ?? ''];
      if (!answer) throw new Error(`unexpected ${args.join(' ')}`);
      return answer();
    },
  };
}
const ok = (v: unknown) => async () => ({ stdout: JSON.stringify(v), stderr: '' });

describe("OpenClaw's own checks", () => {
  it('reads the security audit and the doctor into one severity scale', () => {
    expect(parseSecurityAudit(JSON.stringify(audit))).toEqual([
      {
        source: 'security-audit',
        checkId: 'gateway.trusted_proxies_missing',
        severity: 'warn',
        title: 'Reverse proxy headers are not trusted',
        detail: 'gateway.bind is loopback and gateway.trustedProxies is empty.',
        fix: 'Set gateway.trustedProxies to your proxy IPs.',
      },
      {
        source: 'security-audit',
        checkId: 'fs.config.perms_world_readable',
        severity: 'critical',
        title: 'Config file is world-readable',
      },
    ]);
    expect(parseDoctor(`[doctor] starting\n${JSON.stringify(doctor)}`)).toEqual([
      {
        source: 'doctor',
        checkId: 'core/doctor/gateway-config',
        severity: 'warn',
        title: 'gateway.mode is unset; gateway start will be blocked.',
        fix: 'openclaw config set gateway.mode local',
        path: 'gateway.mode',
      },
      {
        source: 'doctor',
        checkId: 'core/doctor/state',
        severity: 'critical',
        title: 'The state directory is not writable.',
      },
    ]);
  });

  it('runs both with the runtime and the environment given, most severe first', async () => {
    const c = cli({ security: ok(audit), doctor: ok(doctor) });
    const out = await runOpenclawChecks({
      runtime,
      env: { HOME: '/h' },
      cwd: '/b',
      run: c.run,
      timeoutMs: 1000,
    });
    expect(c.calls.map((x) => x.join(' ')).sort()).toEqual([
      '/opt/node /opt/openclaw.mjs doctor --json',
      '/opt/node /opt/openclaw.mjs security audit --json',
    ]);
    expect(out.failures).toEqual([]);
    expect(out.findings.map((f) => `${f.severity} ${f.source} ${f.checkId}`)).toEqual([
      'critical doctor core/doctor/state',
      'critical security-audit fs.config.perms_world_readable',
      'warn doctor core/doctor/gateway-config',
      'warn security-audit gateway.trusted_proxies_missing',
    ]);
  });

  it('reports a check that fails or prints nonsense as a failure, keeping the other', async () => {
    const exitWithOutput = Object.assign(new Error('Command failed: exit 1'), {
      stdout: JSON.stringify(audit),
    });
    const c = cli({
      security: async () => Promise.reject(exitWithOutput),
      doctor: async () => ({ stdout: 'Segmentation fault', stderr: '' }),
    });
    const out = await runOpenclawChecks({ runtime, env: {}, cwd: '/b', run: c.run, timeoutMs: 1000 });
    // A non-zero exit that still printed its report is read.
    expect(out.findings.map((f) => f.source)).toEqual(['security-audit', 'security-audit']);
    expect(out.failures).toEqual([
      {
        source: 'doctor',
        message: expect.stringMatching(/^openclaw doctor printed output Clawster could not read/),
      },
    ]);
    const crash = cli({
      security: async () => Promise.reject(new Error('spawn /opt/node ENOENT\n  at ...')),
      doctor: ok(doctor),
    });
    const second = await runOpenclawChecks({ runtime, env: {}, cwd: '/b', run: crash.run, timeoutMs: 1000 });
    expect(second.failures).toEqual([
      { source: 'security-audit', message: 'openclaw security audit failed: spawn /opt/node ENOENT' },
    ]);
  });

  it('never passes a known secret value on', async () => {
    const secret = 'sk-test-0123456789abcdef0123456789';
    registerSecretValue(secret);
    const leaky = {
      findings: [{ checkId: 'x', severity: 'warn', title: `token ${secret}`, detail: `value=${secret}` }],
    };
    const found = parseSecurityAudit(JSON.stringify(leaky));
    expect(JSON.stringify(found)).not.toContain(secret);
    expect(found[0]?.detail).toBe('value=[REDACTED]');
  });
});
