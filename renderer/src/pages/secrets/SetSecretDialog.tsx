import { useRef, useState } from 'react';
import { type SecretStore, secretStores } from '../../../../shared/config/secrets.ts';
import type { ResultOf } from '../../../../shared/contract/requests.ts';
import type { SecretEntry } from '../../../../shared/domain/secrets.ts';
import { useClient } from '../../app/services.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { Form } from '../../components/Form.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { type FormErrors, formErrors, noErrors } from '../../lib/form-errors.ts';
import { RotationResult } from './RotationResult.tsx';
import { readersOf, storeLabels } from './secret-labels.ts';

const fields = ['store', 'name', 'value'] as const;
type SecretField = (typeof fields)[number];
type PutResult = ResultOf<'secrets.put'>;

interface SetSecretDialogProps {
  /** The secret to set or rotate; absent to add one (its store and name are chosen here). */
  secret?: SecretEntry;
  /** Bot names by id, to name the bots a rotation restarted. */
  botNames: ReadonlyMap<string, string>;
  onClose(): void;
  /** After the store took the value (the list reloads). */
  onSaved(): void;
}

function titleOf(secret: SecretEntry | undefined): string {
  if (!secret) return 'Add secret';
  return secret.present ? `Rotate “${secret.name}”` : `Set “${secret.name}”`;
}

/**
 * Sets, rotates or adds a secret. The value lives only in the password field (never in React
 * state), is sent once, and the field is emptied as soon as the store took it.
 */
export function SetSecretDialog({ secret, botNames, onClose, onSaved }: SetSecretDialogProps) {
  const client = useClient();
  const [store, setStore] = useState<SecretStore>(secret?.store ?? 'keychain');
  const [name, setName] = useState(secret?.name ?? '');
  const valueRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors<SecretField>>(noErrors);
  const [result, setResult] = useState<PutResult | null>(null);
  const readers = secret ? readersOf(secret) : [];

  const submit = async () => {
    const input = valueRef.current;
    setBusy(true);
    setErrors(noErrors);
    const r = await client.invoke('secrets.put', { store, name, value: input?.value ?? '' });
    setBusy(false);
    if (!r.ok) return setErrors(formErrors(r.error, fields));
    if (input) input.value = '';
    onSaved();
    if (r.value.redeployed.length === 0) return onClose();
    setResult(r.value);
  };

  return (
    <Dialog title={titleOf(secret)} onClose={onClose} busy={busy} testId="secret-form">
      {result ? (
        <RotationResult result={result} botNames={botNames} onClose={onClose} />
      ) : (
        <Form onSubmit={submit} errors={errors}>
          {secret ? (
            <p>
              {storeLabels[secret.store]} · <code>{secret.name}</code>
            </p>
          ) : (
            <>
              <Field label="Store" error={errors.fields.store}>
                {(p) => (
                  <select {...p} value={store} onChange={(e) => setStore(toStore(e.target.value))}>
                    {secretStores.map((s) => (
                      <option key={s} value={s}>
                        {storeLabels[s]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                label="Name"
                error={errors.fields.name}
                hint="The ref manifests use, e.g. clawster/support-bot/slack-bot-token"
              >
                {(p) => (
                  <input
                    {...p}
                    type="text"
                    value={name}
                    onChange={(e) => setName(e.target.value)}
                    autoFocus
                  />
                )}
              </Field>
            </>
          )}
          <Field
            label="Value"
            error={errors.fields.value}
            hint={`Kept in ${storeLabels[store]} only; Clawster never shows it again.`}
          >
            {(p) => (
              <input
                {...p}
                ref={valueRef}
                type="password"
                autoComplete="new-password"
                spellCheck={false}
                autoFocus={secret !== undefined}
              />
            )}
          </Field>
          {secret?.present && readers.length > 0 ? (
            <p>
              The deployed bots among {readers.map((r) => r.botName).join(', ')} are restarted to read the new
              value.
            </p>
          ) : null}
          <FormActions onCancel={onClose} busy={busy}>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? 'Saving…' : secret?.present ? 'Rotate' : 'Save'}
            </button>
          </FormActions>
        </Form>
      )}
    </Dialog>
  );
}

const toStore = (value: string): SecretStore => secretStores.find((s) => s === value) ?? 'keychain';
