import { useEffect } from 'react';
import { AuditPage } from '../pages/audit/AuditPage.tsx';
import { BotPage } from '../pages/bot/BotPage.tsx';
import { ChangeSetDetailPage } from '../pages/changesets/ChangeSetDetailPage.tsx';
import { ChangeSetsPage } from '../pages/changesets/ChangeSetsPage.tsx';
import { ConfigPage } from '../pages/config/ConfigPage.tsx';
import { ManifestEditorPage } from '../pages/config/ManifestEditorPage.tsx';
import { FleetDetailPage } from '../pages/fleet/FleetDetailPage.tsx';
import { FleetsPage } from '../pages/fleets/FleetsPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { PolicyPage } from '../pages/policy/PolicyPage.tsx';
import { SecretsPage } from '../pages/secrets/SecretsPage.tsx';
import { SettingsPage } from '../pages/settings/SettingsPage.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { RuntimeInstallBanner } from './RuntimeInstallBanner.tsx';
import { type Route, useRoute } from './router.ts';
import { Sidebar } from './Sidebar.tsx';
import { useGeneration, useServices } from './services.tsx';

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'fleets':
      return <FleetsPage />;
    case 'fleet':
      return <FleetDetailPage key={route.id} id={route.id} />;
    case 'bot':
      return <BotPage key={route.id} id={route.id} />;
    case 'audit':
      return <AuditPage />;
    case 'settings':
      return <SettingsPage />;
    case 'config':
      return <ConfigPage />;
    case 'policy':
      return <PolicyPage />;
    case 'secrets':
      return <SecretsPage />;
    case 'changesets':
      return <ChangeSetsPage />;
    case 'changeset':
      return <ChangeSetDetailPage key={route.id} id={route.id} />;
    case 'manifest':
      return (
        <ManifestEditorPage
          key={`${route.kind}/${route.manifestName ?? ''}`}
          kind={route.kind}
          name={route.manifestName}
        />
      );
    case 'not-found':
      return <NotFoundPage path={route.path} />;
  }
}

const titles: Record<Route['name'], string> = {
  fleets: 'Fleets',
  fleet: 'Fleet',
  bot: 'Bot',
  audit: 'Audit Log',
  settings: 'Settings',
  config: 'Config',
  policy: 'Policy',
  secrets: 'Secrets',
  changesets: 'Change Sets',
  changeset: 'Change Set',
  manifest: 'Manifest',
  'not-found': 'Not found',
};

/** The window: sidebar, connection and runtime install banners, and the page the hash names. */
export function App() {
  const route = useRoute();
  const { fleets } = useServices();
  const generation = useGeneration();
  useEffect(() => {
    if (generation > 0) void fleets.getState().load();
  }, [fleets, generation]);
  useEffect(() => {
    document.title = `${titles[route.name]} · Clawster`;
  }, [route.name]);
  return (
    <div className="app">
      <Sidebar route={route} />
      <main className="content">
        <ConnectionBanner />
        <RuntimeInstallBanner />
        <div className="page">
          <Page route={route} />
        </div>
      </main>
    </div>
  );
}
