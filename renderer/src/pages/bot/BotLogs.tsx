import { useEffect, useId, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract/errors.ts';
import { type LogLevel, logLevelSchema } from '../../../../shared/domain/logs.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/PageHeader.tsx';
import { formatTime } from '../../lib/format.ts';
import { MAX_LOG_LINES } from './log-lines.ts';
import { useBotLogs } from './use-bot-logs.ts';

/** How long the search waits for typing to pause before it applies (Enter applies it at once). */
const SEARCH_PAUSE_MS = 300;

const levelChoices: ReadonlyArray<{ value: LogLevel | ''; label: string }> = [
  { value: '', label: 'All levels' },
  { value: 'info', label: 'Info and above' },
  { value: 'warn', label: 'Warnings and above' },
  { value: 'error', label: 'Errors only' },
];

/** A refusal because the bot has no log here yet reads as information, anything else as an error. */
function Problem({ error }: { error: ErrorInfo | null }) {
  if (error?.code === 'PRECONDITION') return <p className="muted">{error.message}</p>;
  return <ErrorNotice message={error?.message ?? null} />;
}

/** The bot page's log: newest lines, a level filter, a search, and Follow for new lines as they come. */
export function BotLogs({ botId }: { botId: string }) {
  const headingId = useId();
  const [level, setLevel] = useState<LogLevel | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    if (typed === search) return;
    const timer = setTimeout(() => setSearch(typed), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed, search]);
  const logs = useBotLogs(botId, level, search.trim());

  return (
    <section className="section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>
          Logs {logs.status === 'ready' ? <span className="count">{logs.lines.length}</span> : null}
        </h2>
        <label className="button-row">
          <input
            type="checkbox"
            checked={logs.following}
            onChange={(e) => logs.setFollowing(e.target.checked)}
          />
          Follow
        </label>
      </div>
      <form
        className="filters"
        aria-label="Log filters"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(typed);
        }}
      >
        <label className="filter">
          <span>Level</span>
          <select
            value={level ?? ''}
            onChange={(e) => {
              const parsed = logLevelSchema.safeParse(e.target.value);
              setLevel(parsed.success ? parsed.data : undefined);
            }}
          >
            {levelChoices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>Search</span>
          <input type="search" value={typed} maxLength={200} onChange={(e) => setTyped(e.target.value)} />
        </label>
      </form>
      <Problem error={logs.followError} />
      <Problem error={logs.error} />
      {logs.status === 'loading' ? <Loading label="Reading the log…" /> : null}
      {logs.status === 'ready' && logs.lines.length === 0 ? (
        <p className="muted">{search || level ? 'No lines match the filters.' : 'The log is empty.'}</p>
      ) : null}
      {logs.lines.length > 0 ? (
        <div className="table-card log-table">
          <table className="table" aria-label="Log lines">
            <tbody>
              {logs.lines.map((l) => (
                <tr key={l.id} data-testid="log-line">
                  <td className="muted">
                    <time dateTime={l.at}>{formatTime(l.at)}</time>
                  </td>
                  <td>{l.level ? <span className="badge">{l.level}</span> : null}</td>
                  <td>
                    <code>{l.message}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {logs.lines.length >= MAX_LOG_LINES ? (
        <p className="muted">Showing the newest {MAX_LOG_LINES} lines.</p>
      ) : null}
      {logs.cursor !== null ? (
        <div className="load-more">
          <button type="button" className="btn" onClick={() => void logs.readOn()}>
            Read newer lines
          </button>
        </div>
      ) : null}
    </section>
  );
}
