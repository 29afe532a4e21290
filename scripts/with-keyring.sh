#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so that tests
# use a real OS keychain (Secret Service) that lives only as long as the command.
set -euo pipefail
if [ -n "${CLAWSTER_KEYRING_READY:-}" ] || ! command -v dbus-run-session >/dev/null 2>&1; then
  exec "$@"
fi
keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT
export CLAWSTER_KEYRING_READY=1 CLAWSTER_KEYRING_HOME="$keyring_home"
dbus-run-session -- bash -c '
  echo -n clawster-test | XDG_DATA_HOME="$CLAWSTER_KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' bash "$@"
