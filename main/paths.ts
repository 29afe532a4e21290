import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where Electron would keep userData for "Clawster"; the headless host uses the same folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Clawster');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Clawster');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Clawster');
}

/** The renderer as built by electron-vite, relative to the repository. */
export const defaultRendererDir = fileURLToPath(new URL('../out/renderer/', import.meta.url));
