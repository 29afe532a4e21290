import { useMemo, useState } from 'react';
import type { SecretEntry } from '../../../../shared/domain/secrets.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { IconPlus } from '../../components/icons.tsx';
import { EmptyState, Loading, PageHeader } from '../../components/PageHeader.tsx';
import { plural } from '../../lib/format.ts';
import { DeleteSecretDialog } from './DeleteSecretDialog.tsx';
import { SecretTable } from './SecretTable.tsx';
import { SetSecretDialog } from './SetSecretDialog.tsx';
import { useSecrets } from './use-secrets.ts';

type Open =
  | { kind: 'none' }
  | { kind: 'add' }
  | { kind: 'set'; secret: SecretEntry }
  | { kind: 'delete'; secret: SecretEntry };

/** `#/secrets`: the secrets bots' configs refer to, in the keychain or Secrets Manager; values go in only. */
export function SecretsPage() {
  const { list, error, reload } = useSecrets();
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const close = () => setOpen({ kind: 'none' });
  const items = list?.items ?? [];
  const missing = items.filter((s) => s.present === false).length;
  const botNames = useMemo(
    () => new Map((list?.items ?? []).flatMap((s) => s.usedBy.map((u) => [u.botId, u.botName] as const))),
    [list],
  );

  const add = (
    <button type="button" className="btn btn-primary" onClick={() => setOpen({ kind: 'add' })}>
      <IconPlus /> Add secret
    </button>
  );
  return (
    <>
      <PageHeader
        title="Secrets"
        subtitle={
          list
            ? `${plural(items.length, 'secret')} referred to by bots${missing > 0 ? ` · ${missing} missing` : ''}`
            : undefined
        }
        actions={add}
      />
      <ErrorNotice message={error?.message ?? null} />
      {list?.problems.map((p) => (
        <div key={p} className="notice notice-warn" role="status" data-testid="secrets-problem">
          <p>{p}</p>
        </div>
      ))}
      {!list && !error ? <Loading label="Loading secrets…" /> : null}
      {list && items.length === 0 ? (
        <EmptyState title="No bot refers to a secret yet">
          <p>
            A bot's config names a secret with a reference such as{' '}
            <code>{'{ $secret: { store: keychain, ref: clawster/{bot}/slack-bot-token } }'}</code>: the OS
            keychain for bots on this workstation, AWS Secrets Manager for bots on ECS.
          </p>
          {add}
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <SecretTable
          items={items}
          onSet={(secret) => setOpen({ kind: 'set', secret })}
          onDelete={(secret) => setOpen({ kind: 'delete', secret })}
        />
      ) : null}
      {open.kind === 'add' ? (
        <SetSecretDialog botNames={botNames} onClose={close} onSaved={() => void reload()} />
      ) : null}
      {open.kind === 'set' ? (
        <SetSecretDialog
          secret={open.secret}
          botNames={botNames}
          onClose={close}
          onSaved={() => void reload()}
        />
      ) : null}
      {open.kind === 'delete' ? (
        <DeleteSecretDialog secret={open.secret} onClose={close} onDeleted={() => void reload()} />
      ) : null}
    </>
  );
}
