#!/usr/bin/env bash
# Builds hcm with clang-14, AddressSanitizer + UndefinedBehaviorSanitizer and
# libFuzzer coverage into build-san/ (-j2), then runs the lit suite and the
# unit tests against that build. Any sanitizer report aborts the process, so
# a `not hcm-opt ...` test cannot pass by accident. The fuzz targets are built
# here too; scripts/fuzz.sh runs them. Exits non-zero on any failure.
#
# A source tree that changes while it builds (a checkout, merge or rebase in
# the middle of the slow sanitizer build) leaves objects compiled from the
# old headers but newer than the new ones, and sources added to a
# CMakeLists.txt the build did not re-read: the link fails with undefined
# references, or worse, links objects of two layouts. So the files that
# changed during the build are touched afterwards and the build is run
# again (at most three times) until nothing changed under it.
set -uo pipefail
cd "$(dirname "$0")/.."
LIT=/usr/lib/llvm-14/build/utils/lit/lit.py
BUILD=${HCM_SAN_BUILD:-build-san}

CC=clang-14 CXX=clang++-14 cmake -S . -B "$BUILD" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHCM_SANITIZE=ON -DHCM_FUZZ=ON \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" \
  >/dev/null || exit 1
SRC=(CMakeLists.txt cmake include lib tools unittests examples test targets)
stamp="$BUILD/.sanitize-build-start"
for attempt in 1 2 3; do
  touch "$stamp"
  cmake --build "$BUILD" -j2
  built=$?
  mapfile -t changed < <(find "${SRC[@]}" -type f -newer "$stamp" 2>/dev/null)
  [ ${#changed[@]} -eq 0 ] && break
  echo "sanitize: ${#changed[@]} source files changed during the build" \
       "(${changed[0]}, ...); building again"
  sleep 1 && touch "${changed[@]}"
  built=1
done
[ $built -eq 0 ] || exit 1

export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1
status=0
# The torchvision exports do not depend on the hcm build: reuse build/'s.
python3 "$LIT" -sv --param torchvision_cache="$PWD/build/torchvision-models" \
  "$BUILD/test" || status=1
ctest --test-dir "$BUILD" --output-on-failure -j2 || status=1
exit $status
