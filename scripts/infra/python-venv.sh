# Sourced by the provision-<tool>.sh scripts: installs pinned PyPI packages into a virtualenv in the infra
# cache, like the test servers: a versioned folder, complete once it holds `.provisioned`, never installed
# twice, built under a lock. Python tools are test tools, not servers: when Python or pip cannot install
# them, `provision_venv` says why in one line and exits 0, and the tests that need them skip with a line.
#
# provision_venv FOLDER NAME WHEN_SKIPPED MIN_PYTHON CHECK PIN...
#   FOLDER        the folder in the cache (e.g. pytools-1: bump the number whenever a pin changes)
#   NAME          how the lines name it
#   WHEN_SKIPPED  what the skip line says happens then
#   MIN_PYTHON    e.g. 3.9
#   CHECK         a command run with the venv's bin/ first on PATH that proves the install works
#   PIN...        pip requirements, pinned (name==version)
#
# Env: TRAWL_INFRA_CACHE (default ~/.cache/trawl/infra); TRAWL_PYTHON (default python3, then python3.11).
provision_venv() {
  local folder="$1" name="$2" when_skipped="$3" min_python="$4" check="$5"
  shift 5
  local cache="${TRAWL_INFRA_CACHE:-$HOME/.cache/trawl/infra}"
  local dir="$cache/$folder"
  skip() {
    echo "$name: skipped ($*); $when_skipped"
    exit 0
  }
  mkdir -p "$cache"
  exec {lock_fd}>"$cache/.${folder%%-*}.lock"
  flock "$lock_fd"
  if [[ -f "$dir/.provisioned" ]]; then
    echo "$name: cached"
    exit 0
  fi
  local python="" candidate
  local major="${min_python%%.*}" minor="${min_python#*.}"
  for candidate in "${TRAWL_PYTHON:-}" python3 python3.11; do
    [[ -n "$candidate" ]] && command -v "$candidate" >/dev/null 2>&1 || continue
    if "$candidate" -c "import sys, venv; sys.exit(sys.version_info < ($major, $minor))" 2>/dev/null; then
      python="$candidate"
      break
    fi
  done
  [[ -n "$python" ]] || skip "no Python $min_python+ with venv on PATH"

  local started=$SECONDS
  # Built in place (a virtualenv's scripts hold its absolute path, so it cannot be moved after); the lock and
  # the `.provisioned` marker keep a half-built folder from ever being used: it is removed and built again.
  rm -rf "$dir"
  mkdir -p "$dir"
  fail_install() {
    rm -rf "$dir"
    skip "$1"
  }
  "$python" -m venv "$dir/venv" >"$dir/venv.log" 2>&1 || fail_install "'$python -m venv' failed: $(tail -n 1 "$dir/venv.log")"
  if ! "$dir/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@" >"$dir/pip.log" 2>&1; then
    fail_install "pip could not install $*: $(grep -m 1 -i error "$dir/pip.log" || tail -n 1 "$dir/pip.log")"
  fi
  PATH="$dir/venv/bin:$PATH" bash -c "$check" >/dev/null 2>&1 || fail_install "the installed packages do not work ($check)"
  rm -f "$dir/venv.log" "$dir/pip.log"
  touch "$dir/.provisioned"
  echo "$name: provisioned in $((SECONDS - started))s"
}
