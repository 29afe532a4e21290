import type { Logger } from '../log/logger.ts';

/**
 * Updates are never forced. Clawster ships without an updater (electron-updater is not a
 * dependency), so by default there is no update check at all and no "Check for Updates…" menu
 * item. To enable one, pass an UpdateSource to startShell (e.g. a thin adapter over
 * electron-updater with autoDownload and autoInstallOnAppQuit turned off): the check then runs
 * only when the operator picks the menu item, and an update is installed only after they
 * agree to it in a dialog.
 */
export interface UpdateSource {
  /** The newer version available, or null when this one is current. */
  check(): Promise<{ version: string; notes?: string } | null>;
  /** Downloads and installs (restarting the app); called only after the operator agreed. */
  install(version: string): Promise<void>;
}

export type UpdateOutcome = 'up-to-date' | 'declined' | 'installing' | 'failed';

export interface UpdatePrompt {
  /** Asks whether to install `version`; true only on an explicit yes. */
  ask(update: { version: string; notes?: string }): Promise<boolean>;
  tell(message: string): Promise<void>;
}

export async function checkForUpdate(
  source: UpdateSource,
  prompt: UpdatePrompt,
  log: Logger,
): Promise<UpdateOutcome> {
  let update: { version: string; notes?: string } | null;
  try {
    update = await source.check();
  } catch (e) {
    log.warn('update check failed', { error: e });
    await prompt.tell('Could not check for updates. Try again later; the details are in the Clawster log.');
    return 'failed';
  }
  if (!update) {
    await prompt.tell('Clawster is up to date.');
    return 'up-to-date';
  }
  if (!(await prompt.ask(update))) return 'declined';
  try {
    await source.install(update.version);
    return 'installing';
  } catch (e) {
    log.warn('update install failed', { error: e, version: update.version });
    await prompt.tell(`Could not install Clawster ${update.version}. The details are in the Clawster log.`);
    return 'failed';
  }
}
