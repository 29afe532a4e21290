/**
 * Published OpenClaw security advisories and the first release that fixes each, for the
 * version-floor rule. TO BE VERIFIED before each Clawster release against
 * https://github.com/openclaw/openclaw/security/advisories and the GitHub Advisory Database:
 * this table was compiled offline from public threads, so each entry says where its facts come
 * from. `maintainer` = stated in a thread of the openclaw/openclaw repository; `secondary` =
 * stated by a third party (advisory database PRs, scanners, downstream projects) and not yet
 * confirmed against the advisory itself.
 */
export interface Advisory {
  id: string;
  cve?: string;
  title: string;
  /** The first OpenClaw release that is not affected. */
  fixedIn: string;
  source: string;
  confidence: 'maintainer' | 'secondary';
}

export const advisories: readonly Advisory[] = [
  {
    id: 'GHSA-g8p2-7wf7-98mq',
    cve: 'CVE-2026-25253',
    title: 'Control UI applied a gatewayUrl from the link and sent the gateway token to it (one-click RCE)',
    fixedIn: '2026.1.29',
    source: 'third-party release notes and vulnerability inventories citing the advisory',
    confidence: 'secondary',
  },
  {
    id: 'CVE-2026-32046',
    title: 'Sandbox browser container ran Chromium with the OS-level sandbox disabled',
    fixedIn: '2026.2.21',
    source: 'CVE record CVE-2026-32046 (VulnCheck): affected < 2026.2.21',
    confidence: 'secondary',
  },
  {
    id: 'GHSA-8mvx-p2r9-r375',
    title: 'Web tools strict URL guard could lose DNS pinning when an env proxy is configured',
    fixedIn: '2026.3.2',
    source: 'openclaw/openclaw pull request #33703',
    confidence: 'maintainer',
  },
  {
    id: 'GHSA-cfvj-7rx7-fc7c',
    title:
      'stageSandboxMedia destination symlink traversal could overwrite files outside the sandbox workspace',
    fixedIn: '2026.3.2',
    source: 'openclaw/openclaw pull request #33703',
    confidence: 'maintainer',
  },
  {
    id: 'GHSA-474h-prjg-mmw3',
    title: 'Sandboxed sessions_spawn(runtime="acp") bypassed sandbox inheritance',
    fixedIn: '2026.3.2',
    source: 'openclaw/openclaw pull request #33703',
    confidence: 'maintainer',
  },
  {
    id: 'GHSA-4jpw-hj22-2xmc',
    title: 'A pairing-scoped caller could mint a device token with higher scopes',
    fixedIn: '2026.3.11',
    source: 'third-party vulnerability inventory',
    confidence: 'secondary',
  },
  {
    id: 'GHSA-5wcw-8jjv-m286',
    cve: 'CVE-2026-32302',
    title: 'Cross-site WebSocket hijacking in trusted-proxy mode (browser origin not validated)',
    fixedIn: '2026.3.11',
    source: 'openclaw/openclaw pull request #44403 and the v2026.3.11 changelog',
    confidence: 'maintainer',
  },
  {
    id: 'GHSA-rqpp-rjj8-7wv8',
    title: 'A shared-token client could declare its own higher operator scopes',
    fixedIn: '2026.3.12',
    source: 'third-party vulnerability inventory',
    confidence: 'secondary',
  },
  {
    id: 'GHSA-9jpj-g8vv-j5mf',
    cve: 'CVE-2026-34511',
    title: 'Gemini OAuth flow reused the PKCE verifier as the OAuth state parameter',
    fixedIn: '2026.4.2',
    source: 'Tenable plugin 439825 citing the advisory',
    confidence: 'secondary',
  },
  {
    id: 'GHSA-24vr-rprv-67rf',
    title: 'OpenClaw advisory fixed in v2026.4.29 (title not confirmed)',
    fixedIn: '2026.4.29',
    source: 'github/advisory-database pull request #8399 (fixed tag v2026.4.29)',
    confidence: 'secondary',
  },
  {
    id: 'GHSA-8wg3-5mcm-fjq8',
    title: 'July 2026 advisory batch (title not confirmed)',
    fixedIn: '2026.5.27',
    source: 'volcengine/OpenViking pull request #3021 (vulnerable < 2026.5.27)',
    confidence: 'secondary',
  },
  {
    id: 'GHSA-83w9-h5wv-j9xm',
    title: 'July 2026 advisory batch (title not confirmed)',
    fixedIn: '2026.5.27',
    source: 'volcengine/OpenViking pull request #3021 (vulnerable < 2026.5.27)',
    confidence: 'secondary',
  },
  {
    id: 'GHSA-cf2p-f286-mphf',
    title: 'Identity-bearing HTTP callers could reach admin-scoped tools',
    fixedIn: '2026.6.5',
    source: 'openclaw/openclaw issue #98550',
    confidence: 'maintainer',
  },
  {
    id: 'GHSA-jhfx-v2j8-x3m6',
    title: 'OpenAI-compatible HTTP model overrides bypassed authorization',
    fixedIn: '2026.6.8',
    source: 'openclaw/openclaw issue #122606 (quoting the advisory)',
    confidence: 'maintainer',
  },
];
