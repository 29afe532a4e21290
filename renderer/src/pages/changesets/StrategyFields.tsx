import { Field } from '../../components/Field.tsx';
import { type ChangeSetDraft, strategyKinds, validStrategy } from './changeset-draft.ts';
import { strategyExplanation } from './changeset-labels.ts';

type Patch = (patch: Partial<ChangeSetDraft>) => void;

interface StrategyFieldsProps {
  draft: ChangeSetDraft;
  errors: {
    strategy?: string | undefined;
    healthTimeoutSec?: string | undefined;
    bakeSec?: string | undefined;
  };
  onChange: Patch;
}

const kindOf = (value: string): ChangeSetDraft['strategy'] =>
  strategyKinds.find((k) => k.kind === value)?.kind ?? 'all';

/** How the rollout goes: the strategy with its number, what it does, and each bot's health gate. */
export function StrategyFields({ draft, errors, onChange }: StrategyFieldsProps) {
  const strategy = validStrategy(draft);
  return (
    <fieldset className="fieldset">
      <legend>Rollout</legend>
      <div className="field-row">
        <Field label="Strategy" error={errors.strategy}>
          {(p) => (
            <select
              {...p}
              value={draft.strategy}
              onChange={(e) => onChange({ strategy: kindOf(e.target.value) })}
            >
              {strategyKinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.strategy === 'percentage' ? (
          <NumberField
            label="Percent of the bots per wave"
            min={1}
            max={100}
            value={draft.percent}
            onChange={(percent) => onChange({ percent })}
          />
        ) : null}
        {draft.strategy === 'canary' ? (
          <NumberField
            label="Canary bots"
            min={1}
            max={100}
            value={draft.canaryBots}
            onChange={(canaryBots) => onChange({ canaryBots })}
          />
        ) : null}
      </div>
      <p className="field-hint" data-testid="strategy-explanation">
        {strategy
          ? `${strategyExplanation(strategy)} How many bots the change affects is known once the change set is created.`
          : 'Enter a whole number from 1 to 100.'}
      </p>
      <div className="field-row">
        <NumberField
          label="Health timeout (seconds)"
          error={errors.healthTimeoutSec}
          hint="How long each bot has to become healthy after its redeploy (5–3600)."
          min={5}
          max={3600}
          value={draft.healthTimeoutSec}
          onChange={(healthTimeoutSec) => onChange({ healthTimeoutSec })}
        />
        <NumberField
          label="Bake time (seconds)"
          error={errors.bakeSec}
          hint="How long a wave must then stay healthy before the next starts (0–3600)."
          min={0}
          max={3600}
          value={draft.bakeSec}
          onChange={(bakeSec) => onChange({ bakeSec })}
        />
      </div>
    </fieldset>
  );
}

interface NumberFieldProps {
  label: string;
  min: number;
  max: number;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
}

/** A whole-number input with its label, hint and error; the value stays text until sent. */
function NumberField({ label, min, max, value, onChange, error, hint }: NumberFieldProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(p) => (
        <input
          {...p}
          type="number"
          min={min}
          max={max}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
