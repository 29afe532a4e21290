import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../shared/contract/errors.ts';
import { href, navigate } from '../app/router.ts';
import { useClient, useGeneration } from '../app/services.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Loading, PageHeader } from '../components/PageHeader.tsx';

/** `#/bots/:id` (opened by the shell): shows the bot's fleet. */
export function BotRedirect({ id }: { id: string }) {
  const client = useClient();
  const generation = useGeneration();
  const [error, setError] = useState<ErrorInfo | null>(null);
  useEffect(() => {
    if (generation === 0) return;
    let live = true;
    void client.invoke('bot.get', { id }).then((result) => {
      if (!live) return;
      if (result.ok) navigate(href.fleet(result.value.fleetId), { replace: true });
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [client, id, generation]);
  if (!error) return <Loading label="Finding the bot…" />;
  return (
    <>
      <PageHeader title="Bot not found" />
      <ErrorNotice message={error.message}>
        <p>
          <a href={href.fleets()}>Back to all fleets</a>
        </p>
      </ErrorNotice>
    </>
  );
}
