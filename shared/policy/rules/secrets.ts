import { NONE, type Rule } from '../rule.ts';
import type { ScanKind } from '../scan.ts';

/** Rules over the whole tree: plaintext secrets, credentials in URLs, `dangerously*` settings. */
const fromScan =
  (kind: ScanKind): Rule['check'] =>
  ({ scan }) =>
    scan.length === 0
      ? NONE
      : scan.filter((h) => h.kind === kind).map((h) => ({ path: h.path, detail: h.detail }));

export const secretRules: Rule[] = [
  {
    id: 'secrets.plaintext',
    title: 'Plaintext secret in the config or its environment',
    why: 'A literal secret is copied into every export, backup, diff and log line that holds the config.',
    fix: 'Replace it with a secret reference: {"$secret": {"store": "keychain" | "aws-sm", "ref": "..."}}.',
    check: fromScan('plaintext'),
  },
  {
    id: 'secrets.url_credentials',
    title: 'Credentials inside a URL',
    why: 'URLs are logged, shown and shared; a password or token in one leaks with it.',
    fix: 'Remove the credential from the URL and pass it as a header or setting that takes a secret reference.',
    check: fromScan('url-credentials'),
  },
  {
    id: 'config.dangerous_flags',
    title: 'A "dangerously*" setting is enabled',
    why: 'OpenClaw names break-glass switches "dangerously*": each turns off a safety check.',
    fix: 'Remove the setting (or set it to false); if it is truly needed, record an exception with a reason and an expiry.',
    check: fromScan('dangerous'),
  },
];
