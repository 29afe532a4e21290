import type { ResultOf } from '../../../../shared/contract/requests.ts';
import { href } from '../../app/router.ts';
import { plural } from '../../lib/format.ts';

interface RotationResultProps {
  result: ResultOf<'secrets.put'>;
  botNames: ReadonlyMap<string, string>;
  onClose(): void;
}

/** After a rotation: the deployed bots that read the secret, each restarted or why not. */
export function RotationResult({ result, botNames, onClose }: RotationResultProps) {
  const failed = result.redeployed.filter((r) => !r.ok).length;
  return (
    <div className="form" data-testid="rotation-result">
      <p>
        <code>{result.name}</code> was {result.created ? 'stored' : 'rotated'}.{' '}
        {failed === 0
          ? `${plural(result.redeployed.length, 'deployed bot')} that read it restarted with the new value.`
          : `${plural(failed, 'bot')} could not be restarted: restart ${failed === 1 ? 'it' : 'them'} from the bot page.`}
      </p>
      <ul aria-label="Redeployed bots">
        {result.redeployed.map((r) => (
          <li key={r.botId} data-testid="redeployed-bot" data-ok={r.ok}>
            <a href={href.bot(r.botId)}>{botNames.get(r.botId) ?? r.botId}</a>:{' '}
            {r.ok ? (
              <span className="health health-healthy">restarted</span>
            ) : (
              <span className="health health-down">
                failed{r.error ? ` (${r.error.code}): ${r.error.message}` : ''}
              </span>
            )}
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        {/* biome-ignore lint/a11y/noAutofocus: the one action left in the dialog */}
        <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
          Done
        </button>
      </div>
    </div>
  );
}
