#!/usr/bin/env bash
# Installs the Debian packages the tests use, where they are missing:
# Chromium (end-to-end tests) and gnome-keyring in a D-Bus session (the OS keychain).
set -euo pipefail
packages=(chromium gnome-keyring dbus dbus-x11 libsecret-tools)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "clawster: the tests need these Debian packages: ${missing[*]}" >&2
  echo "          install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "clawster: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
