#!/usr/bin/env bash
# Installs what hcm needs on Debian 12 (as root), then configures and builds.
# libxml2-utils (xmllint) and chromium (headless screenshots) are for the
# picture tests (test/Report/svg-*.test, html-render.test); pybind11-dev and
# python3-dev build the Python module, python3-onnx and python3-jsonschema
# check the ONNX and JSON outputs (test/Import/emit-onnx.test,
# test/Integration/schemas.test), python3-pandas that hcm.analyze's layers
# load into a DataFrame (python/tests/test_hcm.py). The tools allocate with
# mimalloc (libmimalloc-dev: the library and the header that sets its
# options; cmake/HCMComponent.cmake).
# Safe to re-run: apt skips installed packages, ninja rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(cmake ninja-build clang-14 libclang-rt-14-dev llvm-14-dev llvm-14-tools libgtest-dev
      libbenchmark-dev libonnx-dev libprotobuf-dev protobuf-compiler
      libfmt-dev python3 libxml2-utils chromium pybind11-dev python3-dev
      python3-onnx python3-jsonschema python3-pandas libmimalloc-dev)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
    missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2
