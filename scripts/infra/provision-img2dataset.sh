#!/usr/bin/env bash
# Installs img2dataset (the image-download peer of `npm run bench`) from PyPI into a virtualenv in the infra
# cache, like schemathesis: a versioned folder, complete once it holds `.provisioned`, never installed twice.
# It is a benchmark peer, not a server: when Python or pip cannot install it, this says why in one line and
# exits 0, and the bench prints trawl's image figure alone.
#
# Env: TRAWL_INFRA_CACHE (default ~/.cache/trawl/infra); TRAWL_PYTHON (default python3, then python3.11).
set -euo pipefail

# Pinned here (bench/peers/img2dataset-runner.ts reads this line to find the folder).
IMG2DATASET_VERSION=1.47.0
cache="${TRAWL_INFRA_CACHE:-$HOME/.cache/trawl/infra}"
name="img2dataset $IMG2DATASET_VERSION"
dir="$cache/img2dataset-$IMG2DATASET_VERSION"

skip() {
  echo "$name: skipped ($*); the bench prints trawl's image figure alone"
  exit 0
}

mkdir -p "$cache"
exec {lock_fd}>"$cache/.img2dataset.lock"
flock "$lock_fd"
if [[ -f "$dir/.provisioned" ]]; then
  echo "$name: cached"
  exit 0
fi

python=""
for candidate in "${TRAWL_PYTHON:-}" python3 python3.11; do
  [[ -n "$candidate" ]] && command -v "$candidate" >/dev/null 2>&1 || continue
  # img2dataset 1.47 needs Python 3.9 or newer.
  if "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
[[ -n "$python" ]] || skip "no Python 3.9+ with venv on PATH"

started=$SECONDS
# Built in place (a virtualenv's scripts hold its absolute path); the lock and the `.provisioned` marker keep
# a half-built folder from ever being used: it is removed and built again.
rm -rf "$dir"
mkdir -p "$dir"
fail_install() {
  local why="$1"
  rm -rf "$dir"
  skip "$why"
}
"$python" -m venv "$dir/venv" >"$dir/venv.log" 2>&1 || fail_install "'$python -m venv' failed: $(tail -n 1 "$dir/venv.log")"
if ! "$dir/venv/bin/python" -m pip install --quiet --disable-pip-version-check "img2dataset==$IMG2DATASET_VERSION" >"$dir/pip.log" 2>&1; then
  fail_install "pip could not install it: $(grep -m 1 -i error "$dir/pip.log" || tail -n 1 "$dir/pip.log")"
fi
"$dir/venv/bin/python" -c 'import img2dataset' >/dev/null 2>&1 || fail_install "the installed img2dataset does not import"
rm -f "$dir/venv.log" "$dir/pip.log"
touch "$dir/.provisioned"
echo "$name: provisioned in $((SECONDS - started))s"
