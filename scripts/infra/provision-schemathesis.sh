#!/usr/bin/env bash
# Installs schemathesis (the API fuzzer of test/e2e/api-fuzz.e2e.spec.ts) from PyPI into a virtualenv in the
# infra cache, like the test servers: a versioned folder, complete once it holds `.provisioned`, never
# installed twice. It is a test tool, not a server: when Python or pip cannot install it, this says so in
# one line and exits 0, and the fuzz test is skipped with a line of its own.
#
# Env: TRAWL_INFRA_CACHE (default ~/.cache/trawl/infra); TRAWL_PYTHON (default python3, then python3.11).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"
cache="${TRAWL_INFRA_CACHE:-$HOME/.cache/trawl/infra}"
name="schemathesis $SCHEMATHESIS_VERSION"
dir="$cache/schemathesis-$SCHEMATHESIS_VERSION"

skip() {
  echo "$name: skipped ($*); the API fuzz test will not run"
  exit 0
}

mkdir -p "$cache"
exec {lock_fd}>"$cache/.schemathesis.lock"
flock "$lock_fd"
if [[ -f "$dir/.provisioned" ]]; then
  echo "$name: cached"
  exit 0
fi

python=""
for candidate in "${TRAWL_PYTHON:-}" python3 python3.11; do
  [[ -n "$candidate" ]] && command -v "$candidate" >/dev/null 2>&1 || continue
  # schemathesis 4 needs Python 3.9 or newer.
  if "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
[[ -n "$python" ]] || skip "no Python 3.9+ with venv on PATH"

started=$SECONDS
# Built in place (a virtualenv's scripts hold its absolute path, so it cannot be moved after); the lock and
# the `.provisioned` marker keep a half-built folder from ever being used: it is removed and built again.
rm -rf "$dir"
mkdir -p "$dir"
fail_install() {
  local why="$1"
  rm -rf "$dir"
  skip "$why"
}
"$python" -m venv "$dir/venv" >"$dir/venv.log" 2>&1 || fail_install "'$python -m venv' failed: $(tail -n 1 "$dir/venv.log")"
if ! "$dir/venv/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >"$dir/pip.log" 2>&1; then
  fail_install "pip could not install it: $(grep -m 1 -i error "$dir/pip.log" || tail -n 1 "$dir/pip.log")"
fi
"$dir/venv/bin/schemathesis" --version >/dev/null 2>&1 || fail_install "the installed schemathesis does not start"
rm -f "$dir/venv.log" "$dir/pip.log"
touch "$dir/.provisioned"
echo "$name: provisioned in $((SECONDS - started))s"
