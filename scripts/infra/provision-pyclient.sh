#!/usr/bin/env bash
# Installs what the Python client's tests run with (pytest, tqdm, and setuptools to `pip install` the client
# from clients/python offline) from PyPI into a virtualenv in the infra cache, like schemathesis: a versioned
# folder, complete once it holds `.provisioned`, never installed twice. The client itself is not installed
# here (test/e2e/python-client.e2e.spec.ts installs the working tree's copy on each run). A test tool, not a
# server: when Python or pip cannot install it, this says why in one line and exits 0, and the Python client
# test is skipped with a line of its own.
#
# Env: TRAWL_INFRA_CACHE (default ~/.cache/trawl/infra); TRAWL_PYTHON (default python3, then python3.11).
set -euo pipefail

# Bump PYCLIENT_VERSION whenever a pin below changes: it names the folder (the e2e test reads this line to
# find it), so an old venv is never mistaken for the new one.
PYCLIENT_VERSION=1
PYCLIENT_PINS=(pytest==8.4.2 tqdm==4.67.1 setuptools==80.9.0)
cache="${TRAWL_INFRA_CACHE:-$HOME/.cache/trawl/infra}"
name="pyclient $PYCLIENT_VERSION (pytest, tqdm)"
dir="$cache/pyclient-$PYCLIENT_VERSION"

skip() {
  echo "$name: skipped ($*); the Python client tests will not run"
  exit 0
}

mkdir -p "$cache"
exec {lock_fd}>"$cache/.pyclient.lock"
flock "$lock_fd"
if [[ -f "$dir/.provisioned" ]]; then
  echo "$name: cached"
  exit 0
fi

python=""
for candidate in "${TRAWL_PYTHON:-}" python3 python3.11; do
  [[ -n "$candidate" ]] && command -v "$candidate" >/dev/null 2>&1 || continue
  # The client supports Python 3.9 or newer.
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
if ! "$dir/venv/bin/python" -m pip install --quiet --disable-pip-version-check "${PYCLIENT_PINS[@]}" >"$dir/pip.log" 2>&1; then
  fail_install "pip could not install ${PYCLIENT_PINS[*]}: $(grep -m 1 -i error "$dir/pip.log" || tail -n 1 "$dir/pip.log")"
fi
"$dir/venv/bin/python" -c 'import pytest, tqdm, setuptools' >/dev/null 2>&1 || fail_install "the installed packages do not import"
rm -f "$dir/venv.log" "$dir/pip.log"
touch "$dir/.provisioned"
echo "$name: provisioned in $((SECONDS - started))s"
