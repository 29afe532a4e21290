import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pairingApproverJs, startScript } from './container-command.ts';

const run = promisify(execFile);
const ours = 'a'.repeat(64);
const stranger = 'b'.repeat(64);

/**
 * TEST DOUBLE of the `openclaw` CLI (a real gateway cannot pair a remote device on this machine):
 * `devices list --json` prints pending.json until something was approved, then paired.json;
 * `devices approve <id>` records the id; `gateway run` records its environment and config file.
 */
const fakeOpenClaw = `#!/bin/sh
dir="$(dirname "$0")"
echo "$*" >> "$dir/calls.log"
case "$1 $2" in
  "devices list")
    if [ -f "$dir/not-ready" ]; then rm "$dir/not-ready"; echo "gateway starting" >&2; exit 1; fi
    if [ -f "$dir/approved" ]; then cat "$dir/paired.json"; else cat "$dir/pending.json"; fi ;;
  "devices approve") echo "$3" >> "$dir/approved"; echo '{"ok":true}' ;;
  "gateway run")
    env > "$dir/gateway-env"
    cat "$OPENCLAW_CONFIG_PATH" > "$dir/gateway-config"
    stat -c %a "$OPENCLAW_CONFIG_PATH" > "$dir/config-mode" ;;
esac
`;

let dir: string;
let cli: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clawster-ecs-cmd-'));
  cli = join(dir, 'openclaw');
  writeFileSync(cli, fakeOpenClaw);
  chmodSync(cli, 0o755);
  writeFileSync(
    join(dir, 'pending.json'),
    JSON.stringify({
      pending: [
        { requestId: 'req-stranger', deviceId: stranger, role: 'operator' },
        { requestId: 'req-ours-node', deviceId: ours, role: 'node' },
        { requestId: 'req-ours', deviceId: ours, role: 'operator' },
      ],
      paired: [],
    }),
  );
  writeFileSync(join(dir, 'paired.json'), JSON.stringify({ pending: [], paired: [{ deviceId: ours }] }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lines = (file: string) => readFileSync(join(dir, file), 'utf8').trim().split('\n');

describe('ECS container start command', () => {
  it('writes the config from the secret with mode 600, hides the variable from the gateway, then runs it', async () => {
    const config =
      '{"gateway":{"mode":"local","bind":"lan","auth":{"mode":"token","token":"t-0123456789abcdef"}}}';
    await run('sh', ['-c', startScript()], {
      env: { PATH: `${dir}:${process.env.PATH}`, HOME: dir, OPENCLAW_CONFIG_JSON: config },
    });
    expect(readFileSync(join(dir, 'gateway-config'), 'utf8')).toBe(config);
    expect(readFileSync(join(dir, 'config-mode'), 'utf8').trim()).toBe('600');
    const env = readFileSync(join(dir, 'gateway-env'), 'utf8');
    expect(env).not.toContain('OPENCLAW_CONFIG_JSON');
    expect(env).toContain(`OPENCLAW_CONFIG_PATH=${join(dir, '.openclaw', 'openclaw.json')}`);
    expect(statSync(join(dir, '.openclaw', 'openclaw.json')).mode & 0o777).toBe(0o600);
    expect(lines('calls.log')).toEqual(['gateway run']);
  });

  it('embeds the approver in single quotes safely (it has no single quote)', () => {
    expect(pairingApproverJs).not.toContain("'");
  });
});

describe('pairing approver (runs beside the gateway in each new task)', () => {
  const approve = (extra: Record<string, string>) =>
    run(process.execPath, ['-e', pairingApproverJs], {
      env: {
        PATH: process.env.PATH,
        CLAWSTER_OPENCLAW_BIN: cli,
        CLAWSTER_PAIRING_POLL_SECONDS: '0.01',
        ...extra,
      },
    });

  it('waits for the gateway, approves only the operator request of Clawster’s device, and stops once paired', async () => {
    writeFileSync(join(dir, 'not-ready'), '');
    const { stdout } = await approve({ CLAWSTER_DEVICE_ID: ours, CLAWSTER_PAIRING_WINDOW_SECONDS: '60' });
    expect(lines('approved')).toEqual(['req-ours']);
    expect(lines('calls.log')).toEqual([
      'devices list --json',
      'devices list --json',
      'devices approve req-ours --json',
      'devices list --json',
    ]);
    expect(stdout).toContain(`clawster-pairing: approved pairing request req-ours of device ${ours}`);
    expect(stdout).toContain(`clawster-pairing: device ${ours} is paired`);
  });

  it('gives up when the window closes and says how to approve by hand', async () => {
    writeFileSync(join(dir, 'pending.json'), JSON.stringify({ pending: [], paired: [] }));
    const { stdout } = await approve({ CLAWSTER_DEVICE_ID: ours, CLAWSTER_PAIRING_WINDOW_SECONDS: '0.05' });
    expect(stdout).toContain('window closed');
    expect(stdout).toContain('openclaw devices approve');
  });

  it('approves nothing without a valid device id', async () => {
    const { stdout } = await approve({ CLAWSTER_DEVICE_ID: 'not-hex' });
    expect(stdout).toContain('no valid CLAWSTER_DEVICE_ID');
    expect(() => readFileSync(join(dir, 'calls.log'))).toThrow();
  });
});
