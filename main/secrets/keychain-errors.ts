import { AppError } from '../../shared/contract/errors.ts';

export type KeychainOperation = 'store' | 'read' | 'delete';

/** What did not happen; Clawster keeps secrets in the OS keychain only, never in plain text. */
function outcome(op: KeychainOperation): string {
  if (op === 'store') return 'Clawster keeps secrets only in the OS keychain, so nothing was stored.';
  if (op === 'read') return 'Clawster keeps secrets only in the OS keychain, so it cannot read this one now.';
  return 'Nothing was deleted.';
}

/** The keychain has no Secret Service to talk to (no D-Bus session, nothing answering on it). */
export function keychainUnreachable(op: KeychainOperation, ref: string): AppError {
  return new AppError(
    'UNAVAILABLE',
    `Could not ${op} secret "${ref}": no OS keychain is reachable (no D-Bus session with a Secret Service). Start a Secret Service such as gnome-keyring (or KeePassXC with its Secret Service on) in your desktop session, then try again. ${outcome(op)}`,
  );
}

/** The Secret Service answered, but its keyring is locked or there is no default keyring. */
export function keychainLocked(op: KeychainOperation, ref: string): AppError {
  return new AppError(
    'UNAVAILABLE',
    `Could not ${op} secret "${ref}": the OS keychain is locked or has no default keyring. Unlock it (or create a default "login" keyring) with your desktop's Passwords and Keys app or by logging in again, then try again. ${outcome(op)}`,
  );
}

/** Any other refusal by the keychain, with its own words (they never hold the secret itself). */
export function keychainFailed(op: KeychainOperation, ref: string, detail: string): AppError {
  return new AppError(
    'UNAVAILABLE',
    `Could not ${op} secret "${ref}": the OS keychain refused (${detail.slice(0, 300)}). Check that the keychain is running and unlocked, then try again. ${outcome(op)}`,
  );
}

function messagesOf(e: unknown): string {
  const parts: string[] = [];
  for (let cur: unknown = e, depth = 0; cur !== undefined && cur !== null && depth < 5; depth++) {
    if (cur instanceof Error) {
      parts.push(cur.message);
      cur = cur.cause;
    } else {
      parts.push(String(cur));
      break;
    }
  }
  return parts.join(' <- ');
}

// What @napi-rs/keyring 2.x says on Linux (seen on Debian 12 with gnome-keyring):
//  - no session bus:   "Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled ..."
//  - dead bus address: "Platform failure: DBus error: Failed to connect to socket /x: No such file or directory"
//  - bus, but kernel keyring fallback refused: "Couldn't access platform storage: AccessDenied"
//  - locked keyring:   "Couldn't access platform storage: Secret Service: unlock prompt was dismissed"
//  - no default keyring (daemon never unlocked): "... Secret Service: no result found"
const UNREACHABLE =
  /DBus error|AccessDenied|ServiceUnknown|NoReply|Failed to connect|autolaunch|No such file/i;
const LOCKED = /locked|prompt|no result found|NoSuchObject|IsLocked/i;

/** Turns whatever the keychain library threw into an AppError an operator can act on. */
export function keychainError(op: KeychainOperation, ref: string, e: unknown): AppError {
  if (e instanceof AppError) return e;
  const text = messagesOf(e);
  if (LOCKED.test(text)) return keychainLocked(op, ref);
  if (UNREACHABLE.test(text)) return keychainUnreachable(op, ref);
  return keychainFailed(op, ref, text);
}
