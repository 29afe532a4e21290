/** The two Electron IPC channels: every request goes through one, every pushed event through the other. */
export const INVOKE_CHANNEL = 'clawster:invoke';
export const EVENT_CHANNEL = 'clawster:event';
