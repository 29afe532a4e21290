import type { GatewaySummary } from '../../../../shared/domain/gateway.ts';
import { formatDuration } from '../../lib/format.ts';

/** What a gateway told Clawster about itself: version, uptime, health, channels and agents. */
export function GatewaySummaryView({ summary }: { summary: GatewaySummary }) {
  const health =
    summary.health.ok === null
      ? 'unknown'
      : summary.health.ok
        ? summary.health.degraded
          ? 'degraded'
          : 'healthy'
        : 'unhealthy';
  return (
    <dl className="details gateway-summary" aria-label="Gateway" data-testid="gateway-summary">
      <div>
        <dt>OpenClaw</dt>
        <dd>{summary.version}</dd>
      </div>
      <div>
        <dt>Uptime</dt>
        <dd>{summary.uptimeMs === null ? '—' : formatDuration(summary.uptimeMs)}</dd>
      </div>
      <div>
        <dt>Health</dt>
        <dd>{health}</dd>
      </div>
      <div>
        <dt>Channels</dt>
        <dd>{summary.channels.length === 0 ? 'none' : summary.channels.map((c) => c.id).join(', ')}</dd>
      </div>
      <div>
        <dt>Agents</dt>
        <dd>
          {summary.agents.length === 0
            ? 'none'
            : summary.agents.map((a) => (a.model ? `${a.id} (${a.model})` : a.id)).join(', ')}
        </dd>
      </div>
    </dl>
  );
}
