#!/usr/bin/env bash
# What `npm test` runs: typecheck, provision the native test servers (skipped for those whose endpoint is
# given in KAFKA_BROKERS / MONGO_URL), then every jest tier. Extra arguments go to jest:
#   npm test -- libs/event-store          npm test -- --selectProjects unit
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# The Node 24 from the `node` devDependency, not the machine's own (older) Node.
export PATH="$PWD/node_modules/.bin:$PATH"

tsc -p tsconfig.json --noEmit
# The e2e tier runs trawl's processes from dist/: never test a stale build.
node scripts/build.mjs
bash scripts/infra/provision.sh

# Two workers on the 2-core machines this runs on, unless the caller chose (-w, --maxWorkers, -i, --runInBand).
workers=(--maxWorkers=2)
for arg in "$@"; do
  case "$arg" in -w | -w=* | --maxWorkers | --maxWorkers=* | -i | --runInBand) workers=() ;; esac
done

# --experimental-vm-modules: got-scraping is ESM-only and loaded with import(), which jest's VM needs this for.
# --disable-warning: kafkajs 2.2.4 sets a negative timeout on every connection, which Node 24 warns about
# (kafkajs issue #1751, harmless; there is no kafkajs release with the fix).
export NODE_OPTIONS="--experimental-vm-modules --disable-warning=TimeoutNegativeWarning${NODE_OPTIONS:+ $NODE_OPTIONS}"
exec jest --ci "${workers[@]}" "$@"
