import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifests, serializeManifests } from '../manifests/codec.ts';
import { templateManifestSchema } from '../manifests/schema.ts';
import { evaluate } from '../policy/evaluate.ts';
import { builtinTemplates } from './builtin-templates.ts';
import { createResolver } from './resolve.ts';
import { collectSecretRefs } from './secrets.ts';
import { validateOpenclawConfig } from './validate.ts';

const dir = join(import.meta.dirname, '../../resources/templates');
const resolver = createResolver({ templates: builtinTemplates, profiles: [], overlays: [] });

function resolveTemplate(name: string) {
  const r = resolver.resolve({
    apiVersion: 'clawster.dev/v1',
    kind: 'Bot',
    metadata: { name: 'support', fleet: 'Production', environment: 'prod' },
    spec: { template: name, openclawVersion: '2026.9.6' },
  });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.value;
}

describe('built-in templates', () => {
  it('are Minimal, Slack Bot, Webhook Bot, Telegram and Discord', () => {
    expect(builtinTemplates.map((t) => t.metadata.name)).toEqual([
      'minimal',
      'slack-bot',
      'webhook-bot',
      'telegram',
      'discord',
    ]);
  });

  for (const t of builtinTemplates) {
    describe(t.metadata.name, () => {
      it('is a valid Template manifest', () => {
        expect(templateManifestSchema.safeParse(t).success).toBe(true);
      });

      it('resolves to a config the OpenClaw model accepts', () => {
        expect(validateOpenclawConfig(resolveTemplate(t.metadata.name).config)).toEqual([]);
      });

      it('holds secrets only as references', () => {
        const bot = resolveTemplate(t.metadata.name);
        expect(collectSecretRefs(bot.config).length).toBeGreaterThan(0);
        const e = evaluate(bot, { environment: 'prod', botName: 'support' }, { now: '2026-10-01T00:00:00Z' });
        expect(e.findings.filter((f) => f.ruleId === 'secrets.plaintext')).toEqual([]);
      });

      it('passes the production pack with no critical finding', () => {
        const bot = resolveTemplate(t.metadata.name);
        const e = evaluate(bot, { environment: 'prod', botName: 'support' }, { now: '2026-10-01T00:00:00Z' });
        expect(e.findings.filter((f) => f.severity === 'critical')).toEqual([]);
        expect(e.blocked).toBe(false);
      });
    });
  }

  it('match resources/templates/*.yaml, which are generated from them', () => {
    // To regenerate after changing builtin-templates.ts: UPDATE_TEMPLATES=1 npx vitest run shared/config/builtin-templates.test.ts
    const expected = new Map(
      builtinTemplates.map((t) => [`${t.metadata.name}.yaml`, serializeManifests([t])]),
    );
    if (process.env.UPDATE_TEMPLATES === '1') {
      for (const [file, text] of expected) writeFileSync(join(dir, file), text);
    }
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    expect(files).toEqual([...expected.keys()].sort());
    for (const [file, text] of expected) {
      const onDisk = readFileSync(join(dir, file), 'utf8');
      expect(onDisk).toBe(text);
      const parsed = parseManifests(onDisk, { source: file });
      expect(parsed.issues).toEqual([]);
      expect(parsed.manifests.map((m) => m.manifest)).toEqual([
        builtinTemplates.find((t) => `${t.metadata.name}.yaml` === file),
      ]);
    }
  });
});
