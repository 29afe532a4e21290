import { useState } from 'react';
import type { Fleet } from '../../../../shared/domain/fleet.ts';
import { useFleets } from '../../app/services.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { IconPlus } from '../../components/icons.tsx';
import { EmptyState, Loading, PageHeader } from '../../components/PageHeader.tsx';
import { plural } from '../../lib/format.ts';
import { DeleteFleetDialog } from './DeleteFleetDialog.tsx';
import { FleetFormDialog } from './FleetFormDialog.tsx';
import { FleetTable } from './FleetTable.tsx';

type Open =
  | { kind: 'none' }
  | { kind: 'create' }
  | { kind: 'edit'; fleet: Fleet }
  | { kind: 'delete'; fleet: Fleet };

/** The home page: every fleet, and the dialogs that change them. */
export function FleetsPage() {
  const fleets = useFleets((s) => s.fleets);
  const status = useFleets((s) => s.status);
  const error = useFleets((s) => s.error);
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const close = () => setOpen({ kind: 'none' });
  const bots = fleets.reduce((n, f) => n + f.botCount, 0);

  const newFleet = (
    <button type="button" className="btn btn-primary" onClick={() => setOpen({ kind: 'create' })}>
      <IconPlus /> New fleet
    </button>
  );
  return (
    <>
      <PageHeader
        title="Fleets"
        subtitle={
          status === 'ready' ? `${plural(fleets.length, 'fleet')} · ${plural(bots, 'bot')}` : undefined
        }
        actions={newFleet}
      />
      {status === 'error' ? <ErrorNotice message={error?.message ?? null} /> : null}
      {status !== 'ready' && fleets.length === 0 && status !== 'error' ? (
        <Loading label="Loading fleets…" />
      ) : null}
      {status === 'ready' && fleets.length === 0 ? (
        <EmptyState title="No fleets yet">
          <p>A fleet groups bots that run together in one environment. Create the first one to start.</p>
          {newFleet}
        </EmptyState>
      ) : null}
      {fleets.length > 0 ? (
        <FleetTable
          fleets={fleets}
          onEdit={(fleet) => setOpen({ kind: 'edit', fleet })}
          onDelete={(fleet) => setOpen({ kind: 'delete', fleet })}
        />
      ) : null}
      {open.kind === 'create' ? <FleetFormDialog onClose={close} /> : null}
      {open.kind === 'edit' ? <FleetFormDialog fleet={open.fleet} onClose={close} /> : null}
      {open.kind === 'delete' ? <DeleteFleetDialog fleet={open.fleet} onClose={close} /> : null}
    </>
  );
}
