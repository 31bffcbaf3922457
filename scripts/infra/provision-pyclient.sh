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
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=python-venv.sh
source "$here/python-venv.sh"
# The client supports Python 3.9 or newer.
provision_venv "pyclient-$PYCLIENT_VERSION" "pyclient $PYCLIENT_VERSION (pytest, tqdm)" "the Python client tests will not run" 3.9 \
  "python -c 'import pytest, tqdm, setuptools'" "${PYCLIENT_PINS[@]}"
