#!/usr/bin/env bash
# Fetches and builds the native servers that the int/e2e tests run against when neither an endpoint in the
# environment nor a Docker engine provides one (see docs/testing.md): Kafka from Maven Central, FerretDB built
# from the Go module proxy. Idempotent: each server lands in a versioned folder of the cache, which is
# complete once it holds `.provisioned`, and is never fetched again.
#
# Usage: provision.sh [kafka] [ferretdb] [schemathesis]      (no argument: all three)
# schemathesis (the API fuzzer, from PyPI) is a separate script that never fails the run: see provision-schemathesis.sh.
# Env:   TRAWL_INFRA_CACHE (default ~/.cache/trawl/infra); KAFKA_BROKERS / MONGO_URL skip that server.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"
cache="${TRAWL_INFRA_CACHE:-$HOME/.cache/trawl/infra}"

fail() {
  echo "provision: $*" >&2
  exit 1
}

need() { # tool, server, env var that would make it unnecessary
  command -v "$1" >/dev/null 2>&1 ||
    fail "'$1' is needed to provision $2 but is not on PATH; install it, or set $3 to a running server"
}

# Runs a build step with its output in a log; on failure shows the end of the log and stops.
run_logged() { # log file, command...
  local log="$1"
  shift
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    fail "failed: $*"
  fi
}

# Takes an exclusive lock for one server, so that two runs at once (two shells, a test run and a manual
# provision) do not build into the same folder.
lock() {
  exec {lock_fd}>"$cache/.$1.lock"
  flock "$lock_fd"
}

provision_kafka() {
  local name="kafka $KAFKA_VERSION" dir="$cache/kafka-$KAFKA_VERSION"
  if [[ -n "${KAFKA_BROKERS:-}" ]]; then
    echo "$name: skipped (KAFKA_BROKERS is given)"
    return
  fi
  lock kafka
  if [[ -f "$dir/.provisioned" ]]; then
    echo "$name: cached"
    return
  fi
  need java "$name" KAFKA_BROKERS
  need mvn "$name" KAFKA_BROKERS
  local started=$SECONDS work
  work="$(mktemp -d "$cache/.kafka-XXXXXX")"
  cp "$here/kafka/pom.xml" "$work/pom.xml"
  run_logged "$work/mvn.log" mvn -q -B -f "$work/pom.xml" dependency:copy-dependencies \
    -Dkafka.version="$KAFKA_VERSION" -DincludeScope=runtime -DoutputDirectory="$work/libs"
  ls "$work/libs"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null || fail "maven gave no kafka_2.13-$KAFKA_VERSION.jar"
  rm -rf "$work/pom.xml" "$work/mvn.log" "$work/target"
  chmod 755 "$work"
  touch "$work/.provisioned"
  rm -rf "$dir"
  mv "$work" "$dir"
  echo "$name: provisioned in $((SECONDS - started))s"
}

provision_ferretdb() {
  local name="ferretdb $FERRETDB_VERSION" dir="$cache/ferretdb-$FERRETDB_VERSION"
  local module="github.com/FerretDB/FerretDB@v$FERRETDB_VERSION"
  if [[ -n "${MONGO_URL:-}" ]]; then
    echo "$name: skipped (MONGO_URL is given)"
    return
  fi
  lock ferretdb
  if [[ -f "$dir/.provisioned" ]]; then
    echo "$name: cached"
    return
  fi
  need go "$name" MONGO_URL
  local started=$SECONDS work src
  work="$(mktemp -d "$cache/.ferretdb-XXXXXX")"
  # `go install …@v1.24.2` fails: it first asks the proxy for the module's version list (to check for a
  # deprecation) and the proxy refuses that with 403. `go mod download` of the exact version does not ask.
  mkdir "$work/mod"
  (cd "$work/mod" && go mod init trawl-infra/ferretdb >/dev/null 2>&1)
  run_logged "$work/download.json" bash -c "cd '$work/mod' && go mod download -json '$module'"
  src="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' "$work/download.json")"
  [[ -n "$src" && -d "$src" ]] || fail "go mod download gave no source folder for $module"
  # The module cache is read-only, and the build needs build/version/version.txt, which the release
  # pipeline generates and the module zip lacks: without it the binary panics at start.
  cp -r "$src" "$work/src"
  chmod -R u+w "$work/src"
  echo "v$FERRETDB_VERSION" >"$work/src/build/version/version.txt"
  # CGO_ENABLED=0: the SQLite backend is pure Go, so no C compiler is needed. GOTOOLCHAIN=local: build with
  # the Go on PATH rather than download the toolchain named in FerretDB's go.mod.
  run_logged "$work/build.log" env -C "$work/src" CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-buildvcs=false \
    go build -trimpath -o "$work/ferretdb" ./cmd/ferretdb
  "$work/ferretdb" --version >/dev/null || fail "the freshly built ferretdb does not start"
  rm -rf "$work/src" "$work/mod" "$work/download.json" "$work/build.log"
  chmod 755 "$work"
  touch "$work/.provisioned"
  rm -rf "$dir"
  mv "$work" "$dir"
  echo "$name: provisioned in $((SECONDS - started))s"
}

main() {
  local servers=("$@")
  ((${#servers[@]})) || servers=(kafka ferretdb schemathesis)
  need flock "the test servers" "KAFKA_BROKERS and MONGO_URL"
  mkdir -p "$cache"
  for server in "${servers[@]}"; do
    case "$server" in
      kafka) provision_kafka ;;
      ferretdb) provision_ferretdb ;;
      schemathesis) bash "$here/provision-schemathesis.sh" ;;
      *) fail "unknown server '$server' (known: kafka, ferretdb, schemathesis)" ;;
    esac
  done
}

main "$@"
