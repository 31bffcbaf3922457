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
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=python-venv.sh
source "$here/python-venv.sh"
# pyarrow 26 needs Python 3.11 or newer.
provision_venv "pytools-$PYTOOLS_VERSION" "pytools $PYTOOLS_VERSION (webdataset, pyarrow)" "the export tests read back with the Node readers only" 3.11 \
  "python -c 'import webdataset, pyarrow'" "${PYTOOLS_PINS[@]}"
