import { href } from '../app/router.ts';
import { EmptyState, PageHeader } from '../components/PageHeader.tsx';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState title={`Nothing lives at ${path}`}>
        <p>
          <a href={href.fleets()}>Go to the fleet list</a>
        </p>
      </EmptyState>
    </>
  );
}
