import type { RuntimeInstallProgress } from '../../../shared/domain/runtime-install.ts';
import { useInstalls } from './services.tsx';

/** Bytes as an operator reads them: "512 KB", "48.2 MB". */
function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `${(n / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}

function DismissButton({ version }: { version: string }) {
  const dismiss = useInstalls((s) => s.dismiss);
  return (
    <button
      type="button"
      className="btn btn-small"
      aria-label={`Dismiss OpenClaw ${version}`}
      onClick={() => dismiss(version)}
    >
      Dismiss
    </button>
  );
}

function InstallRow({ p }: { p: RuntimeInstallProgress }) {
  if (p.state === 'failed')
    return (
      <div className="banner banner-error install-banner" role="alert" data-testid="runtime-install">
        <span>
          <strong>Installing OpenClaw {p.version} failed</strong>
          {p.steps > 0 ? ` at step ${p.step} of ${p.steps}, ${p.label}` : ''}. {p.message ?? ''}
        </span>
        <DismissButton version={p.version} />
      </div>
    );
  if (p.state === 'done')
    return (
      <div className="banner banner-ok install-banner" role="status" data-testid="runtime-install">
        <span>
          <strong>OpenClaw {p.version} installed.</strong> {p.message ?? ''}
        </span>
        <DismissButton version={p.version} />
      </div>
    );
  const text = `Installing OpenClaw ${p.version}: step ${p.step} of ${p.steps}, ${p.label}`;
  return (
    <div className="banner banner-info install-banner" role="status" data-testid="runtime-install">
      <span className="install-text">
        {text}
        {p.bytes !== undefined ? <span className="muted"> ({formatBytes(p.bytes)})</span> : null}
      </span>
      <progress
        className="install-progress"
        value={p.step}
        max={Math.max(p.steps, 1)}
        aria-label={`OpenClaw ${p.version} install progress`}
      />
    </div>
  );
}

/**
 * OpenClaw runtimes being installed for a deploy (from `runtime.install.progress`): each
 * install's step with a progress bar; done or failed stays until dismissed.
 */
export function RuntimeInstallBanner() {
  const installs = useInstalls((s) => s.byVersion);
  const list = Object.values(installs);
  if (list.length === 0) return null;
  return (
    <div className="install-banners">
      {list.map((p) => (
        <InstallRow key={p.version} p={p} />
      ))}
    </div>
  );
}
