import { AppError } from '../../shared/contract/errors.ts';

/** The longest reference accepted (the same bound as a `$secret` ref in a manifest). */
export const MAX_SECRET_REF_LENGTH = 512;

/**
 * A reference names one secret, e.g. `aws/credentials`, `gateway/device-token/<bot id>` or
 * `clawster/<fleet>/<bot>/slack-bot-token`: segments joined by `/`, each starting with a letter or
 * digit and holding letters, digits and `. _ + = @ -` only. That is the character set AWS Secrets
 * Manager accepts for names, so one reference is valid in either store, and it cannot spell `..`.
 */
const SEGMENT = '[A-Za-z0-9][A-Za-z0-9._+=@-]*';
const REF = new RegExp(`^${SEGMENT}(?:/${SEGMENT})*$`);

/** Whether `ref` is a well-formed secret reference. */
export function isValidSecretRef(ref: unknown): ref is string {
  return typeof ref === 'string' && ref.length <= MAX_SECRET_REF_LENGTH && REF.test(ref);
}

/** Throws VALIDATION (naming the rule) unless `ref` is a well-formed secret reference. */
export function assertSecretRef(ref: unknown): string {
  if (isValidSecretRef(ref)) return ref;
  const shown = typeof ref === 'string' ? `"${ref.slice(0, 80)}${ref.length > 80 ? '…' : ''}"` : typeof ref;
  throw new AppError(
    'VALIDATION',
    `${shown} is not a valid secret reference. Use segments joined by "/" (like "clawster/my-fleet/my-bot/api-key"), each starting with a letter or digit and holding only letters, digits and . _ + = @ -, at most ${MAX_SECRET_REF_LENGTH} characters in all.`,
    [{ path: 'ref', message: 'not a valid secret reference' }],
  );
}

/** The largest secret value accepted, in characters (AWS Secrets Manager's bound too). */
export const MAX_SECRET_VALUE_LENGTH = 65_536;

/** Throws VALIDATION unless `value` is non-empty text of at most MAX_SECRET_VALUE_LENGTH characters. */
export function assertSecretValue(value: unknown): string {
  if (typeof value === 'string' && value.length > 0 && value.length <= MAX_SECRET_VALUE_LENGTH) return value;
  const why =
    typeof value !== 'string'
      ? `must be text, not ${value === null ? 'null' : typeof value}`
      : value.length === 0
        ? 'must not be empty (to remove a secret, delete it)'
        : `must be at most ${MAX_SECRET_VALUE_LENGTH} characters (it has ${value.length})`;
  throw new AppError('VALIDATION', `A secret value ${why}.`, [{ path: 'value', message: why }]);
}
