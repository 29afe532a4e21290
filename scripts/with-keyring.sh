#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so that tests
# use a real OS keychain (Secret Service) that lives only as long as the command.
# Nested calls (CLAWSTER_KEYRING_READY set) just run the command in the session they are in.
set -euo pipefail
if [ -n "${CLAWSTER_KEYRING_READY:-}" ]; then
  exec "$@"
fi
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "clawster: dbus-run-session or gnome-keyring-daemon is missing, so the keychain tests will fail." >&2
  echo "          Install them with: bash scripts/ensure-system.sh (gnome-keyring dbus dbus-x11 libsecret-tools)" >&2
  exec "$@"
fi
keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT
mkdir -m 700 "$keyring_home/data" "$keyring_home/run"
export CLAWSTER_KEYRING_READY=1 CLAWSTER_KEYRING_HOME="$keyring_home"
# The daemon gets private data and runtime folders: its keyring lives in the temp folder only, and
# it can never find (and try to unlock) a desktop keyring daemon of the user running the tests.
dbus-run-session -- bash -c '
  if ! echo -n clawster-test | XDG_DATA_HOME="$CLAWSTER_KEYRING_HOME/data" \
      XDG_RUNTIME_DIR="$CLAWSTER_KEYRING_HOME/run" gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
    echo "clawster: gnome-keyring-daemon did not start, so the keychain tests will fail." >&2
  fi
  exec "$@"' bash "$@"
