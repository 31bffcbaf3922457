#!/usr/bin/env bash
# Installs the Python readers that the export tests read datasets back with (`webdataset` for the tar shards,
# `pyarrow` for Parquet) from PyPI into a virtualenv in the infra cache, like schemathesis: a versioned
# folder, complete once it holds `.provisioned`, never installed twice. They are test tools, not servers:
# when Python or pip cannot install them, this says why in one line and exits 0, and the tests that need
# them are skipped with a line of their own (the Node readers still run).
#
# Env: TRAWL_INFRA_CACHE (default ~/.cache/trawl/infra); TRAWL_PYTHON (default python3, then python3.11).
set -euo pipefail

# Bump PYTOOLS_VERSION whenever a pin below changes: it names the folder (libs/exports test support reads
# this line to find it), so an old venv is never mistaken for the new one.
PYTOOLS_VERSION=1
PYTOOLS_PINS=(webdataset==1.0.2 pyarrow==26.0.1 numpy==2.4.6 braceexpand==0.1.7 PyYAML==6.0.4)
cache="${TRAWL_INFRA_CACHE:-$HOME/.cache/trawl/infra}"
name="pytools $PYTOOLS_VERSION (webdataset, pyarrow)"
dir="$cache/pytools-$PYTOOLS_VERSION"

skip() {
  echo "$name: skipped ($*); the export tests read back with the Node readers only"
  exit 0
}

mkdir -p "$cache"
exec {lock_fd}>"$cache/.pytools.lock"
flock "$lock_fd"
if [[ -f "$dir/.provisioned" ]]; then
  echo "$name: cached"
  exit 0
fi

python=""
for candidate in "${TRAWL_PYTHON:-}" python3 python3.11; do
  [[ -n "$candidate" ]] && command -v "$candidate" >/dev/null 2>&1 || continue
  # pyarrow 26 and numpy 2.4 need Python 3.11 or newer.
  if "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
[[ -n "$python" ]] || skip "no Python 3.11+ with venv on PATH"

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
if ! "$dir/venv/bin/python" -m pip install --quiet --disable-pip-version-check "${PYTOOLS_PINS[@]}" >"$dir/pip.log" 2>&1; then
  fail_install "pip could not install them: $(grep -m 1 -i error "$dir/pip.log" || tail -n 1 "$dir/pip.log")"
fi
"$dir/venv/bin/python" -c 'import webdataset, pyarrow.parquet' >/dev/null 2>&1 || fail_install "the installed webdataset/pyarrow do not import"
rm -f "$dir/venv.log" "$dir/pip.log"
touch "$dir/.provisioned"
echo "$name: provisioned in $((SECONDS - started))s"
