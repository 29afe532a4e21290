import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { ResultOf } from '../../../../shared/contract/requests.ts';
import { useClient, useGeneration } from '../../app/services.tsx';

export type SecretList = ResultOf<'secrets.list'>;

export interface SecretsView {
  /** Null until the first answer. */
  list: SecretList | null;
  error: ErrorInfo | null;
  reload(): Promise<void>;
}

/**
 * The secrets bots' configs refer to (never a value), loaded on connect, again when a manifest
 * changes (references come and go with configs) and after each change made on the page.
 */
export function useSecrets(): SecretsView {
  const client = useClient();
  const generation = useGeneration();
  const [list, setList] = useState<SecretList | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  /** The newest ask; an older answer arriving later is dropped. */
  const asked = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++asked.current;
    const r = await client.invoke('secrets.list', {});
    if (mine !== asked.current) return;
    if (r.ok) {
      setList(r.value);
      setError(null);
    } else setError(r.error);
  }, [client]);

  useEffect(() => {
    if (generation === 0) return;
    void reload();
    const off = client.on('manifest.changed', () => void reload());
    return () => {
      off();
      asked.current++;
    };
  }, [client, generation, reload]);

  return { list, error, reload };
}
