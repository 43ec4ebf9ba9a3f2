#!/usr/bin/env bash
# Runs every test: the lit suite (plain, then with every hcm-opt run
# checking that its IR round-trips) and the GoogleTest unit tests via ctest.
# Exits non-zero on any failure. Expects scripts/setup.sh to have built.
set -uo pipefail
cd "$(dirname "$0")/.."
LIT=/usr/lib/llvm-14/build/utils/lit/lit.py
status=0
python3 "$LIT" -sv build/test || status=1
python3 "$LIT" -sv --param roundtrip=1 build/test || status=1
ctest --test-dir build --output-on-failure -j2 || status=1
exit $status
