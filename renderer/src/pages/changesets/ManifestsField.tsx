import { Field } from '../../components/Field.tsx';
import { type ManifestFile, ManifestFilesButton } from '../../components/ManifestFilesButton.tsx';

interface ManifestsFieldProps {
  text: string;
  loaded: readonly ManifestFile[];
  error?: string | undefined;
  onText(text: string): void;
  onLoaded(files: ManifestFile[]): void;
}

/** The manifests a change set applies: typed or pasted as YAML, and/or loaded from files. */
export function ManifestsField({ text, loaded, error, onText, onLoaded }: ManifestsFieldProps) {
  const add = (files: ManifestFile[]) => {
    const names = new Set(files.map((f) => f.name));
    onLoaded([...loaded.filter((f) => !names.has(f.name)), ...files]);
  };
  return (
    <div className="manifests-field">
      <Field
        label="Manifests (YAML)"
        error={error}
        hint="Templates, profiles, overlays or bots' manifests, as `clawster export` writes them; separate documents with ---."
      >
        {(p) => (
          <textarea
            {...p}
            className="code-editor"
            rows={12}
            spellCheck={false}
            value={text}
            onChange={(e) => onText(e.target.value)}
          />
        )}
      </Field>
      <div className="button-row">
        <ManifestFilesButton label="Load manifests from files" onFiles={add}>
          Load from file…
        </ManifestFilesButton>
        {loaded.length > 0 ? (
          <ul className="tags" aria-label="Loaded files">
            {loaded.map((f) => (
              <li key={f.name} className="tag" data-testid="loaded-file">
                {f.name}{' '}
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove ${f.name}`}
                  onClick={() => onLoaded(loaded.filter((x) => x.name !== f.name))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
