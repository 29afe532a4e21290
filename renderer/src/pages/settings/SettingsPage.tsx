import { useEffect, useMemo } from 'react';
import { useClient, useGeneration } from '../../app/services.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading, PageHeader } from '../../components/PageHeader.tsx';
import { createAwsStore } from '../../stores/aws-store.ts';
import { AwsBootstrapSection } from './AwsBootstrapSection.tsx';
import { AwsCredentialsForm } from './AwsCredentialsForm.tsx';
import { AwsProvider, useAws } from './aws-context.tsx';
import { EcsSettingsForm } from './EcsSettingsForm.tsx';
import { NotificationSettingsSection } from './NotificationSettingsSection.tsx';

function AwsSection() {
  const status = useAws((s) => s.status);
  const error = useAws((s) => s.error);
  const ecs = useAws((s) => s.settings?.ecs ?? null);
  if (status === 'error') return <ErrorNotice message={error?.message ?? null} />;
  if (status !== 'ready') return <Loading label="Loading AWS settings…" />;
  return (
    <>
      <AwsCredentialsForm />
      <AwsBootstrapSection />
      <EcsSettingsForm ecs={ecs} />
    </>
  );
}

/** Settings: notifications, and the AWS account bots on ECS run in. */
export function SettingsPage() {
  const client = useClient();
  const generation = useGeneration();
  const store = useMemo(() => createAwsStore(client), [client]);
  useEffect(() => {
    if (generation > 0) void store.getState().load();
  }, [store, generation]);
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle="Notifications, and AWS: credentials (kept in the OS keychain), bootstrap and ECS settings for bots on ECS."
      />
      <NotificationSettingsSection />
      <AwsProvider store={store}>
        <AwsSection />
      </AwsProvider>
    </>
  );
}
