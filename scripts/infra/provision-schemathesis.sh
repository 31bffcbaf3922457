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
# shellcheck source=python-venv.sh
source "$here/python-venv.sh"
# schemathesis 4 needs Python 3.9 or newer.
provision_venv "schemathesis-$SCHEMATHESIS_VERSION" "schemathesis $SCHEMATHESIS_VERSION" "the API fuzz test will not run" 3.9 \
  'schemathesis --version' "schemathesis==$SCHEMATHESIS_VERSION"
