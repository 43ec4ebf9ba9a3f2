#!/usr/bin/env bash
# Runs every test: the lit suite (plain, then with every hcm-opt run
# checking that its IR round-trips), the GoogleTest unit tests via ctest,
# the Python module's tests and the installed package with the examples
# built out of tree against it (scripts/test-install.sh).
# Exits non-zero on any failure. Expects scripts/setup.sh to have built.
set -uo pipefail
cd "$(dirname "$0")/.."
LIT=/usr/lib/llvm-14/build/utils/lit/lit.py
status=0
python3 "$LIT" -sv build/test || status=1
python3 "$LIT" -sv --param roundtrip=1 build/test || status=1
ctest --test-dir build --output-on-failure -j2 || status=1
PYTHONPATH=build/python /usr/bin/python3 -m unittest discover -s python/tests \
  || status=1
./scripts/test-install.sh || status=1
exit $status
