import { isIP } from 'node:net';
import { GatewayError } from './errors.ts';

function privateIPv4(ip: string): boolean {
  const [a = -1, b = -1] = ip.split('.').map(Number);
  return (
    a === 127 ||
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    // CGNAT, where Tailscale addresses live.
    (a === 100 && b >= 64 && b <= 127)
  );
}

function privateHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.local') || h.endsWith('.ts.net')) return true;
  if (isIP(h) === 4) return privateIPv4(h);
  if (isIP(h) === 6) return h === '::1' || h.startsWith('fc') || h.startsWith('fd') || h.startsWith('fe80:');
  return false;
}

/**
 * Refuses URLs over which credentials would cross an untrusted network in clear text: `wss://`
 * goes anywhere; `ws://` only to loopback, private, link-local, Tailscale (CGNAT, *.ts.net) and
 * *.local hosts. Returns the normalised URL.
 */
export function checkGatewayUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new GatewayError('INSECURE_URL', `"${raw}" is not a URL. Use ws://host:port or wss://host:port.`);
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    throw new GatewayError(
      'INSECURE_URL',
      `"${raw}" is not a gateway URL. Use ws://host:port or wss://host:port.`,
    );
  if (url.protocol === 'ws:' && !privateHost(url.hostname)) {
    throw new GatewayError(
      'INSECURE_URL',
      `Clawster will not send a gateway token to ${url.hostname} over plain ws://. Use wss:// (TLS), or keep the ` +
        'gateway on loopback and reach it through an SSH tunnel (ssh -N -L 18789:127.0.0.1:18789 user@host) or Tailscale.',
    );
  }
  return url.toString().replace(/\/$/, '');
}
