/**
 * The renderer pages the shell can open (from the tray, a notification or a menu), as location
 * hashes. The renderer's router must answer to these.
 */
export const routes = {
  fleets: (): string => '#/fleets',
  fleet: (fleetId: string): string => `#/fleets/${encodeURIComponent(fleetId)}`,
  bot: (botId: string): string => `#/bots/${encodeURIComponent(botId)}`,
  audit: (): string => '#/audit',
  changeSets: (): string => '#/changesets',
  changeSet: (id: string): string => `#/changesets/${encodeURIComponent(id)}`,
};

/** A route the shell accepts from its own code: a hash of safe characters only. */
export function isRoute(value: string): boolean {
  return /^#\/[A-Za-z0-9._~%/-]*$/.test(value);
}
