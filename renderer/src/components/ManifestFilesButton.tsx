import type { ReactNode } from 'react';

export interface ManifestFile {
  name: string;
  text: string;
}

interface ManifestFilesButtonProps {
  /** The button's text, e.g. "Import…". */
  children: ReactNode;
  /** The file input's accessible name. */
  label: string;
  /** The chosen files, read as text; not called when none was chosen. */
  onFiles(files: ManifestFile[]): void;
}

/** A button that opens the file picker for manifest files (YAML or JSON) and reads the chosen ones. */
export function ManifestFilesButton({ children, label, onFiles }: ManifestFilesButtonProps) {
  return (
    <label className="btn">
      {children}
      <input
        type="file"
        multiple
        accept=".yaml,.yml,.json"
        className="visually-hidden"
        aria-label={label}
        onChange={(e) => {
          const input = e.currentTarget;
          const chosen = [...(input.files ?? [])];
          if (chosen.length === 0) return;
          void Promise.all(chosen.map(async (f) => ({ name: f.name, text: await f.text() }))).then((read) => {
            input.value = '';
            onFiles(read);
          });
        }}
      />
    </label>
  );
}
