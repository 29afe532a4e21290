import { useEffect, useMemo, useState } from 'react';
import type { Bot } from '../../../../shared/domain/bot.ts';
import type { Fleet } from '../../../../shared/domain/fleet.ts';
import { href, navigate } from '../../app/router.ts';
import { useBots, useFleets, useGeneration, useHealth, useServices } from '../../app/services.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { IconPlus } from '../../components/icons.tsx';
import { EmptyState, Loading, PageHeader } from '../../components/PageHeader.tsx';
import { EnvBadge, envLabel, TagList } from '../../components/Tags.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { DeleteFleetDialog } from '../fleets/DeleteFleetDialog.tsx';
import { FleetFormDialog } from '../fleets/FleetFormDialog.tsx';
import { TargetBadge } from '../fleets/TargetBadge.tsx';
import { AddBotsDialog } from './AddBotsDialog.tsx';
import { BotFormDialog } from './BotFormDialog.tsx';
import { BotTable } from './BotTable.tsx';
import { BulkActions } from './BulkActions.tsx';
import { ConnectBotDialog } from './ConnectBotDialog.tsx';
import { DeleteBotDialog } from './DeleteBotDialog.tsx';
import { SetTokenDialog } from './SetTokenDialog.tsx';
import { useRuntimes } from './use-runtimes.ts';
import { useSelection } from './use-selection.ts';

type Open =
  | { kind: 'none' }
  | { kind: 'edit-fleet' }
  | { kind: 'delete-fleet' }
  | { kind: 'add-bot' }
  | { kind: 'add-bots' }
  | { kind: 'connect-bot' }
  | { kind: 'set-token'; bot: Bot }
  | { kind: 'edit-bot'; bot: Bot }
  | { kind: 'delete-bot'; bot: Bot };

const noBots: readonly Bot[] = [];

/** One fleet: its details and its bots. */
export function FleetDetailPage({ id }: { id: string }) {
  const fleet = useFleets((s) => s.fleets.find((f) => f.id === id));
  const fleetsStatus = useFleets((s) => s.status);
  if (fleet) return <FleetDetail fleet={fleet} />;
  if (fleetsStatus !== 'ready' && fleetsStatus !== 'error') return <Loading label="Loading the fleet…" />;
  return (
    <>
      <PageHeader above={<Breadcrumb />} title="Fleet not found" />
      <EmptyState title="This fleet does not exist">
        <p>It may have been deleted. The audit log records who deleted it and when.</p>
        <p>
          <a href={href.fleets()}>Back to all fleets</a> · <a href={href.audit()}>Open the audit log</a>
        </p>
      </EmptyState>
    </>
  );
}

const Breadcrumb = ({ name }: { name?: string }) => (
  <nav className="breadcrumb" aria-label="Breadcrumb">
    <a href={href.fleets()}>Fleets</a>
    {name ? <span aria-current="page">{name}</span> : null}
  </nav>
);

function FleetDetail({ fleet }: { fleet: Fleet }) {
  const { bots: botsStore, health: healthStore, client } = useServices();
  const health = useHealth((s) => s.byBot);
  const runtimes = useRuntimes(fleet.id);
  const generation = useGeneration();
  const entry = useBots((s) => s.byFleet[fleet.id]);
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const close = () => setOpen({ kind: 'none' });

  useEffect(() => {
    if (generation > 0) void botsStore.getState().load(fleet.id);
    if (generation > 0) void healthStore.getState().load(fleet.id);
  }, [botsStore, healthStore, fleet.id, generation]);
  const retry = async (bot: Bot) => {
    const r = await client.invoke('bot.gateway.retry', { id: bot.id });
    if (r.ok) healthStore.getState().put(r.value);
  };

  const bots = entry?.bots ?? noBots;
  const selection = useSelection(useMemo(() => bots.map((b) => b.id), [bots]));
  const addBot = (
    <span className="button-row">
      <button type="button" className="btn" onClick={() => setOpen({ kind: 'connect-bot' })}>
        Connect existing bot
      </button>
      <button type="button" className="btn" onClick={() => setOpen({ kind: 'add-bots' })}>
        Add several…
      </button>
      <button type="button" className="btn btn-primary" onClick={() => setOpen({ kind: 'add-bot' })}>
        <IconPlus /> Add bot
      </button>
    </span>
  );
  return (
    <>
      <PageHeader
        above={<Breadcrumb name={fleet.name} />}
        title={
          <>
            {fleet.name} <EnvBadge environment={fleet.environment} /> <TargetBadge target={fleet.target} />
          </>
        }
        subtitle={fleet.description || undefined}
        actions={
          <>
            <button type="button" className="btn" onClick={() => setOpen({ kind: 'edit-fleet' })}>
              Edit fleet
            </button>
            <button
              type="button"
              className="btn btn-danger-quiet"
              onClick={() => setOpen({ kind: 'delete-fleet' })}
            >
              Delete fleet
            </button>
          </>
        }
      />
      <dl className="details" aria-label="Fleet details">
        <div>
          <dt>Environment</dt>
          <dd>{envLabel[fleet.environment]}</dd>
        </div>
        <div>
          <dt>Tags</dt>
          <dd>
            <TagList tags={fleet.tags} />
          </dd>
        </div>
        <div>
          <dt>Bots</dt>
          <dd data-testid="fleet-bot-count">{fleet.botCount}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatDateTime(fleet.createdAt)}</dd>
        </div>
        <div>
          <dt>Last changed</dt>
          <dd>{formatDateTime(fleet.updatedAt)}</dd>
        </div>
      </dl>
      <section className="section" aria-labelledby="bots-heading">
        <div className="section-header">
          <h2 id="bots-heading">
            Bots {entry?.status === 'ready' ? <span className="count">{bots.length}</span> : null}
          </h2>
          {bots.length > 0 ? addBot : null}
        </div>
        {entry?.status === 'error' ? <ErrorNotice message={entry.error?.message ?? null} /> : null}
        {entry === undefined || (entry.status === 'loading' && bots.length === 0) ? (
          <Loading label="Loading bots…" />
        ) : null}
        {entry?.status === 'ready' && bots.length === 0 ? (
          <EmptyState title="No bots in this fleet">
            <p>Add a bot by name; deploying it comes later.</p>
            {addBot}
          </EmptyState>
        ) : null}
        <BulkActions selected={bots.filter((b) => selection.has(b.id))} onClear={selection.clear} />
        {bots.length > 0 ? (
          <BotTable
            bots={bots}
            health={health}
            runtimes={runtimes}
            selection={selection}
            onRetry={(bot) => void retry(bot)}
            onNewToken={(bot) => setOpen({ kind: 'set-token', bot })}
            onEdit={(bot) => setOpen({ kind: 'edit-bot', bot })}
            onDelete={(bot) => setOpen({ kind: 'delete-bot', bot })}
          />
        ) : null}
      </section>
      {open.kind === 'edit-fleet' ? <FleetFormDialog fleet={fleet} onClose={close} /> : null}
      {open.kind === 'delete-fleet' ? (
        <DeleteFleetDialog fleet={fleet} onClose={close} onDeleted={() => navigate(href.fleets())} />
      ) : null}
      {open.kind === 'add-bot' ? (
        <BotFormDialog fleetId={fleet.id} fleetName={fleet.name} onClose={close} />
      ) : null}
      {open.kind === 'add-bots' ? (
        <AddBotsDialog fleetId={fleet.id} fleetName={fleet.name} onClose={close} />
      ) : null}
      {open.kind === 'edit-bot' ? (
        <BotFormDialog fleetId={fleet.id} fleetName={fleet.name} bot={open.bot} onClose={close} />
      ) : null}
      {open.kind === 'delete-bot' ? <DeleteBotDialog bot={open.bot} onClose={close} /> : null}
      {open.kind === 'connect-bot' ? (
        <ConnectBotDialog fleetId={fleet.id} fleetName={fleet.name} onClose={close} />
      ) : null}
      {open.kind === 'set-token' ? <SetTokenDialog bot={open.bot} onClose={close} /> : null}
    </>
  );
}
