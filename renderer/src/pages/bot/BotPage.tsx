import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import type { Bot } from '../../../../shared/domain/bot.ts';
import { href, navigate } from '../../app/router.ts';
import { useClient, useFleets, useGeneration } from '../../app/services.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading, PageHeader } from '../../components/PageHeader.tsx';
import { LifecycleCell } from '../fleet/LifecycleCell.tsx';
import { useRuntimes } from '../fleet/use-runtimes.ts';
import { BotConfigSection } from './BotConfigSection.tsx';
import { BotLogs } from './BotLogs.tsx';
import { DeploymentEvents } from './DeploymentEvents.tsx';
import { DestroyBotDialog } from './DestroyBotDialog.tsx';
import { OpenclawChecksSection } from './OpenclawChecksSection.tsx';
import { RuntimeSummary } from './RuntimeSummary.tsx';
import { TargetStatusSection } from './TargetStatusSection.tsx';

/** `#/bots/:id`: one bot, its lifecycle with what its target reports, its events and logs, its config with provenance and policy findings, and OpenClaw's own checks. */
export function BotPage({ id }: { id: string }) {
  const client = useClient();
  const generation = useGeneration();
  const [bot, setBot] = useState<Bot | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [destroying, setDestroying] = useState(false);
  useEffect(() => {
    if (generation === 0) return;
    void client.invoke('bot.get', { id }).then((r) => (r.ok ? setBot(r.value) : setError(r.error)));
  }, [client, id, generation]);
  const fleet = useFleets((s) => s.fleets.find((f) => f.id === bot?.fleetId));
  const runtimes = useRuntimes(bot?.fleetId ?? '');
  if (error) return <ErrorNotice message={error.message} />;
  if (!bot) return <Loading label="Loading the bot…" />;
  const runtime = runtimes[bot.id];
  return (
    <>
      <PageHeader
        above={
          <nav className="breadcrumb" aria-label="Breadcrumb">
            <a href={href.fleet(bot.fleetId)}>{fleet?.name ?? 'Fleet'}</a>
            <span aria-current="page">{bot.name}</span>
          </nav>
        }
        title={bot.name}
        actions={
          runtime ? (
            <button type="button" className="btn btn-danger-quiet" onClick={() => setDestroying(true)}>
              Destroy…
            </button>
          ) : undefined
        }
      />
      <LifecycleCell botId={bot.id} name={bot.name} runtime={runtime} />
      <RuntimeSummary runtime={runtime} />
      {runtime ? (
        <TargetStatusSection botId={bot.id} target={runtime.target} endpoint={bot.gatewayUrl ?? null} />
      ) : null}
      <DeploymentEvents botId={bot.id} />
      <BotLogs botId={bot.id} />
      <BotConfigSection bot={bot} fleetName={fleet?.name ?? ''} />
      <OpenclawChecksSection botId={bot.id} deployedHere={runtime?.target === 'local'} />
      {destroying ? (
        <DestroyBotDialog
          bot={bot}
          onClose={() => setDestroying(false)}
          onDestroyed={() => {
            setDestroying(false);
            navigate(href.fleet(bot.fleetId));
          }}
        />
      ) : null}
    </>
  );
}
