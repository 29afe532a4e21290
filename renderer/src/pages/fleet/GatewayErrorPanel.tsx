import { useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';

/** The gateway's finer error code, when the host sent one. */
export function gatewayCodeOf(error: ErrorInfo): string {
  const code = error.details?.gatewayCode;
  return typeof code === 'string' ? code : error.code;
}

const detail = (error: ErrorInfo, key: string): string | null => {
  const v = error.details?.[key];
  return typeof v === 'string' ? v : null;
};

export const WRONG_TOKEN = new Set(['AUTH_TOKEN_MISMATCH', 'AUTH_DEVICE_TOKEN_MISMATCH', 'AUTH_FAILED']);

/** A command to run on the bot's host, with a button that copies it. */
export function CopyCommand({ command }: { command: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(command);
    setCopied(true);
  };
  return (
    <div className="copy-command">
      <code data-testid="copy-command">{command}</code>
      <button type="button" className="btn btn-small" onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

/** Pairing: the request id and the exact command to approve this Clawster on the bot's host. */
export function PairingPanel({ requestId, command }: { requestId: string | null; command: string | null }) {
  return (
    <div className="notice notice-warn" role="status" data-testid="pairing-panel">
      <p className="notice-title">Approve Clawster on the bot's host</p>
      <p>
        The gateway wants this Clawster installation approved as a device
        {requestId ? (
          <>
            {' '}
            (request <code>{requestId}</code>)
          </>
        ) : null}
        . Run this on the host where the gateway runs; Clawster keeps retrying and connects once it is
        approved.
      </p>
      {command ? <CopyCommand command={command} /> : <CopyCommand command="openclaw devices list" />}
    </div>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

interface GatewayErrorPanelProps {
  error: ErrorInfo;
  /** The URL the operator entered (for the host/port hint). */
  url: string;
}

/** One clear panel per gateway error code, saying what to do. */
export function GatewayErrorPanel({ error, url }: GatewayErrorPanelProps) {
  const code = gatewayCodeOf(error);
  if (code === 'PAIRING_REQUIRED')
    return <PairingPanel requestId={detail(error, 'requestId')} command={detail(error, 'approveCommand')} />;
  const title = titles[code] ?? 'The gateway refused the connection';
  const host = hostOf(url);
  return (
    <div className="notice notice-error" role="alert" data-testid="gateway-error" data-code={code}>
      <p className="notice-title">{title}</p>
      <p>{error.message}</p>
      {code === 'UNREACHABLE' || code === 'TIMEOUT' ? (
        <p className="notice-hint">
          Check that the gateway runs on <code>{host}</code> and that the port is open from here. A gateway
          bound to loopback on another machine is reached through an SSH tunnel.
        </p>
      ) : null}
      {code === 'INSECURE_URL' ? (
        <>
          <p className="notice-hint">
            Use <code>wss://</code> with TLS, or forward the gateway's port over SSH and connect to{' '}
            <code>ws://127.0.0.1:18789</code>:
          </p>
          <CopyCommand command="ssh -N -L 18789:127.0.0.1:18789 user@bot-host" />
        </>
      ) : null}
      {code === 'UNAVAILABLE' ? (
        <p className="notice-hint">The gateway is starting up. Try again in a few seconds.</p>
      ) : null}
    </div>
  );
}

const titles: Record<string, string> = {
  AUTH_TOKEN_MISMATCH: 'Wrong token',
  AUTH_DEVICE_TOKEN_MISMATCH: 'This Clawster is no longer approved',
  AUTH_FAILED: 'Not allowed in',
  PROTOCOL_MISMATCH: 'OpenClaw version not supported',
  UNAVAILABLE: 'Gateway still starting',
  UNREACHABLE: 'Gateway unreachable',
  TIMEOUT: 'No answer from the gateway',
  INSECURE_URL: 'Clawster will not send the token over this URL',
};
