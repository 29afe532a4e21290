#!/usr/bin/env bash
# Makes moto (the AWS emulator the AWS integration tests run against) available, and prints
# on its last stdout line the PYTHONPATH to use with Debian's /usr/bin/python3:
#   PYTHONPATH="$(bash scripts/ensure-moto.sh | tail -n1)" /usr/bin/python3 -m moto.server -H 127.0.0.1 -p 5000
#
# moto is not packaged for Debian 12; trixie's python3-moto is pure Python and runs on bookworm's
# Python 3.11. We install its Python dependencies from the machine's own apt sources (root only),
# then download the trixie .deb with a private apt configuration (the machine's sources.list is
# never touched) and unpack it with `dpkg -x` into a cache folder. Idempotent; safe to run from
# several processes at once (one flock).
set -euo pipefail
MOTO_VERSION="5.1.1"
cache="${CLAWSTER_CACHE:-$HOME/.cache/clawster}"
dir="$cache/moto-$MOTO_VERSION"
site="$dir/moto/usr/lib/python3/dist-packages"
deps=(python3-boto3 python3-botocore python3-cryptography python3-dateutil python3-flask python3-jinja2
  python3-requests python3-responses python3-werkzeug python3-xmltodict python3-flask-cors)

ready() { [ -f "$site/moto/server.py" ] && [ -f "$dir/.deps-ok" ]; }

if ready; then echo "$site"; exit 0; fi

mkdir -p "$cache"
exec 9>"$cache/moto.lock"
flock 9
if ready; then echo "$site"; exit 0; fi

missing=()
for p in "${deps[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "clawster: the AWS tests need these Debian packages: ${missing[*]}" >&2
    echo "          install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "clawster: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f "$site/moto/server.py" ]; then
  echo "clawster: fetching python3-moto $MOTO_VERSION from Debian trixie into $dir" >&2
  apt_dir="$dir/apt"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  echo 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main' \
    >"$apt_dir/sources.list"
  opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o "APT::Sandbox::User=$(id -un)")
  apt-get "${opts[@]}" update -qq >&2
  work="$(mktemp -d "$dir/unpack.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && apt-get "${opts[@]}" download -qq "python3-moto=$MOTO_VERSION*" >&2 ||
    apt-get "${opts[@]}" download -qq python3-moto >&2)
  dpkg -x "$work"/python3-moto_*.deb "$work/moto"
  rm -rf "$dir/moto"
  mv "$work/moto" "$dir/moto"
  rm -rf "$apt_dir/lists" "$apt_dir/cache"
fi

PYTHONPATH="$site" /usr/bin/python3 -c 'import moto.server' || {
  echo "clawster: moto was unpacked into $dir but does not import; delete that folder and retry" >&2
  exit 1
}
touch "$dir/.deps-ok"
echo "$site"
