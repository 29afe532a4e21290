import { describe, expect, it } from 'vitest';
import {
  collectSecretRefs,
  expandSecretRef,
  isReferenceString,
  sameSecret,
  secretRef,
  secretRefSchema,
} from './secrets.ts';

/** `${NAME}`: OpenClaw's env substitution, written without a template literal. */
const env = (name: string) => ['$', '{', name, '}'].join('');

describe('secret references', () => {
  it('name a keychain or Secrets Manager entry, nothing else', () => {
    expect(secretRefSchema.safeParse(secretRef('keychain', 'clawster/a/b')).success).toBe(true);
    expect(secretRefSchema.safeParse(secretRef('aws-sm', 'prod/bot', 'apiKey')).success).toBe(true);
    expect(secretRefSchema.safeParse(secretRef('keychain', 'x', 'field')).success).toBe(false);
    expect(secretRefSchema.safeParse({ $secret: { store: 'vault', ref: 'x' } }).success).toBe(false);
    expect(secretRefSchema.safeParse({ $secret: { store: 'keychain', ref: 'has space' } }).success).toBe(
      false,
    );
    expect(
      secretRefSchema.safeParse({ $secret: { store: 'keychain', ref: 'x' }, value: 'leak' }).success,
    ).toBe(false);
  });

  it('are found with their paths', () => {
    const config = {
      gateway: { auth: { token: secretRef('keychain', 'gw') } },
      list: [{ k: secretRef('aws-sm', 'x') }],
    };
    expect(collectSecretRefs(config, 'config').map((r) => r.path)).toEqual([
      'config.gateway.auth.token',
      'config.list[0].k',
    ]);
  });

  it('give each bot its own secret from one template', () => {
    const ref = secretRef('keychain', 'clawster/{fleet}/{bot}/gateway-token');
    expect(expandSecretRef(ref, { bot: 'Support Bot', fleet: 'EU Prod', environment: 'prod' })).toEqual(
      secretRef('keychain', 'clawster/eu-prod/support-bot/gateway-token'),
    );
  });

  it('tell env substitutions from literals', () => {
    expect(isReferenceString(`${env('OPENCLAW_GATEWAY_TOKEN')}`)).toBe(true);
    expect(isReferenceString(`Bearer ${env('MCP_TOKEN')}`)).toBe(true);
    expect(isReferenceString(`${env('A:-fallback')}`)).toBe(true);
    expect(isReferenceString(`abc${env('A')}`)).toBe(false);
    expect(isReferenceString(`${env('lowercase')}`)).toBe(false);
  });

  it('compare credentials: equal literals or references to the same secret', () => {
    expect(sameSecret('t0ken', 't0ken')).toBe(true);
    expect(sameSecret(secretRef('keychain', 'a'), secretRef('keychain', 'a'))).toBe(true);
    expect(sameSecret(secretRef('keychain', 'a'), secretRef('aws-sm', 'a'))).toBe(false);
    expect(
      sameSecret(
        { source: 'env', provider: 'default', id: 'T' },
        { source: 'env', provider: 'default', id: 'T' },
      ),
    ).toBe(true);
    expect(sameSecret('', '')).toBe(false);
  });
});
