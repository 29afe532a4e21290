import { type ReactNode, useEffect, useState } from 'react';
import type { ResultOf } from '../../../shared/contract/requests.ts';
import {
  IconAudit,
  IconFleets,
  IconLogo,
  IconRollout,
  IconSettings,
  IconShield,
} from '../components/icons.tsx';
import { href, type Route } from './router.ts';
import { useClient, useGeneration } from './services.tsx';

type Info = ResultOf<'app.info'>;

function NavLink({
  to,
  current,
  icon,
  label,
}: {
  to: string;
  current: boolean;
  icon: ReactNode;
  label: string;
}) {
  return (
    <a
      href={to}
      className={current ? 'nav-link active' : 'nav-link'}
      aria-current={current ? 'page' : undefined}
    >
      {icon}
      {label}
    </a>
  );
}

export function Sidebar({ route }: { route: Route }) {
  const client = useClient();
  const generation = useGeneration();
  const [info, setInfo] = useState<Info | null>(null);
  useEffect(() => {
    if (generation === 0) return;
    void client.invoke('app.info', {}).then((r) => {
      if (r.ok) setInfo(r.value);
    });
  }, [client, generation]);

  const onFleets = route.name === 'fleets' || route.name === 'fleet' || route.name === 'bot';
  return (
    <aside className="sidebar">
      <div className="brand">
        <IconLogo />
        <span>Clawster</span>
      </div>
      <nav aria-label="Main">
        <NavLink to={href.fleets()} current={onFleets} icon={<IconFleets />} label="Fleets" />
        <NavLink
          to={href.config()}
          current={route.name === 'config' || route.name === 'manifest'}
          icon={<IconSettings />}
          label="Config"
        />
        <NavLink
          to={href.changesets()}
          current={route.name === 'changesets' || route.name === 'changeset'}
          icon={<IconRollout />}
          label="Change Sets"
        />
        <NavLink to={href.policy()} current={route.name === 'policy'} icon={<IconAudit />} label="Policy" />
        <NavLink
          to={href.secrets()}
          current={route.name === 'secrets'}
          icon={<IconShield />}
          label="Secrets"
        />
        <NavLink to={href.audit()} current={route.name === 'audit'} icon={<IconAudit />} label="Audit Log" />
        <NavLink
          to={href.settings()}
          current={route.name === 'settings'}
          icon={<IconSettings />}
          label="Settings"
        />
      </nav>
      {info ? (
        <footer className="sidebar-footer" data-testid="app-info">
          <span title="Recorded as the actor of every change you make">{info.actor}</span>
          <span className="muted">
            {info.host === 'web' ? 'Headless host' : 'Desktop'} · v{info.version}
          </span>
        </footer>
      ) : null}
    </aside>
  );
}
