/**
 * What the OpenClaw container runs on ECS. The image is OpenClaw's own (pinned); Clawster adds
 * nothing to it, so everything happens in the start command:
 *
 * 1. ECS injects the bot's resolved openclaw.json from Secrets Manager as OPENCLAW_CONFIG_JSON.
 *    The command writes it to the config path (mode 600) and removes the variable, so neither the
 *    gateway nor the tools it runs see the whole config in their environment.
 * 2. When Clawster's device id is known, a small Node script runs beside the gateway for a limited
 *    window and approves pairing requests from that device id only (`openclaw devices list --json`,
 *    then `openclaw devices approve <requestId>`), because Fargate state is ephemeral and each new
 *    task starts with no paired devices. It stops as soon as the device is paired.
 * 3. `exec openclaw gateway run`: the gateway becomes the container's main process and gets the
 *    SIGTERM of `ecs stop`.
 */

/** The environment variable ECS fills with the bot's openclaw.json (from Secrets Manager). */
export const configEnvName = 'OPENCLAW_CONFIG_JSON';

/**
 * Approves pending pairing requests of CLAWSTER_DEVICE_ID (role operator) until the device is
 * paired or CLAWSTER_PAIRING_WINDOW_SECONDS have passed. Runs with `node -e` inside single quotes,
 * so it contains no single quote. CLAWSTER_OPENCLAW_BIN exists for tests only.
 */
export const pairingApproverJs = [
  'const { execFile } = require("node:child_process");',
  'const env = process.env;',
  'const id = env.CLAWSTER_DEVICE_ID;',
  'const cli = env.CLAWSTER_OPENCLAW_BIN || "openclaw";',
  'const until = Date.now() + Number(env.CLAWSTER_PAIRING_WINDOW_SECONDS || 900) * 1000;',
  'const every = Number(env.CLAWSTER_PAIRING_POLL_SECONDS || 10) * 1000;',
  'const say = (m) => console.log("clawster-pairing: " + m);',
  'const run = (args) => new Promise((done) => execFile(cli, args, { timeout: 60000, maxBuffer: 8388608 },',
  '  (err, out) => done(err ? null : String(out))));',
  'const parse = (out) => { try { return JSON.parse(out); } catch { return null; } };',
  'async function tick() {',
  '  const list = parse(await run(["devices", "list", "--json"]) ?? "");',
  '  if (!list) return false;',
  '  if ((list.paired || []).some((d) => d && d.deviceId === id)) return true;',
  '  for (const p of list.pending || []) {',
  '    if (!p || p.deviceId !== id || (p.role && p.role !== "operator")) continue;',
  '    const ok = (await run(["devices", "approve", String(p.requestId), "--json"])) !== null;',
  '    say((ok ? "approved" : "could not approve") + " pairing request " + p.requestId + " of device " + id);',
  '  }',
  '  return false;',
  '}',
  '(async () => {',
  '  if (!/^[0-9a-f]{64}$/.test(id || "")) return say("no valid CLAWSTER_DEVICE_ID; nothing to approve");',
  '  say("approving pairing of device " + id + " for " + Math.round((until - Date.now()) / 1000) + " s");',
  '  while (Date.now() < until) {',
  '    if (await tick()) return say("device " + id + " is paired");',
  '    await new Promise((r) => setTimeout(r, every));',
  '  }',
  '  say("window closed before device " + id + " asked to pair; approve it with openclaw devices approve");',
  '})();',
].join('\n');

/** The `sh -c` script of the container (see the file comment). */
export function startScript(): string {
  return [
    'set -eu',
    'umask 077',
    `export OPENCLAW_STATE_DIR="\${OPENCLAW_STATE_DIR:-$HOME/.openclaw}"`,
    'export OPENCLAW_CONFIG_PATH="$OPENCLAW_STATE_DIR/openclaw.json"',
    'mkdir -p "$OPENCLAW_STATE_DIR"',
    `printf '%s' "$${configEnvName}" > "$OPENCLAW_CONFIG_PATH"`,
    `unset ${configEnvName}`,
    `if [ -n "\${CLAWSTER_DEVICE_ID:-}" ]; then node -e '${pairingApproverJs}' & fi`,
    'exec openclaw gateway run',
  ].join('\n');
}

/** The container health check: `openclaw health` answers only when the gateway is up and serving. */
export const healthCheckCommand = ['CMD-SHELL', 'openclaw health --json > /dev/null 2>&1 || exit 1'];
