#!/usr/bin/env bash
# Usage: scripts/fuzz.sh [SECONDS [TARGET...]]
# Runs each libFuzzer target (default: all of them; .ci/run names the ones
# without an open finding, see test/Fuzz/Pending/) for SECONDS (default 60)
# from seed corpora built out of models/, test/, targets/ and docs/ plus the
# regression inputs kept in test/Fuzz/Inputs/<target>/. Expects
# scripts/sanitize.sh to have built build-san/. A finding is written to
# build-san/fuzz/<target>/crash-* (or timeout-*, oom-*) and fails the run:
# fix it, then copy the input into test/Fuzz/Inputs/<target>/ so that ctest
# keeps it fixed.
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-60}
shift $(( $# > 0 ? 1 : 0 ))
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] ||
  TARGETS=(onnx-binary onnx-text hcm-text target-yaml pipeline)
BUILD=${HCM_SAN_BUILD:-build-san}
OUT="$BUILD/fuzz"
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1

# Seeds: files of the target's format, found by extension.
seed() {
  local dir=$1; shift
  rm -rf "$dir" && mkdir -p "$dir"
  for ext in "$@"; do
    find models test targets docs -name "*.$ext" -not -path "*/Pending/*" \
      -size -256k -exec cp -t "$dir" {} + \
      2>/dev/null
  done
  [ -d "test/Fuzz/Inputs/$(basename "$dir")" ] &&
    cp test/Fuzz/Inputs/"$(basename "$dir")"/* "$dir"/ 2>/dev/null
  return 0
}

seed "$OUT/seed/onnx-binary" onnx
seed "$OUT/seed/onnx-text" onnxtxt onnxtext
seed "$OUT/seed/hcm-text" hcm
seed "$OUT/seed/target-yaml" yaml
seed "$OUT/seed/pipeline"
grep -rhoE -- "-p '?[a-z][^ '\"]*" test | sed -E "s/^-p '?//" |
  sort -u | split -l 1 - "$OUT/seed/pipeline/p-"

status=0
for target in "${TARGETS[@]}"; do
  work="$OUT/$target"
  mkdir -p "$work/corpus"
  echo "fuzz: $target for ${SECONDS_PER_TARGET}s"
  # Run in the work folder: external data a mutated model names stays there.
  (cd "$work" && "../../bin/hcm-fuzz-$target" -max_total_time="$SECONDS_PER_TARGET" \
     -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
     -artifact_prefix=./ corpus "../seed/$target" >fuzz.log 2>&1)
  rc=$?
  tail -n 12 "$work/fuzz.log" | grep -E "stat::number_of_executed_units|ERROR|SUMMARY|Done" || true
  if [ $rc -ne 0 ]; then
    echo "fuzz: $target FAILED (see $work/fuzz.log; inputs: $work/crash-* etc.)"
    status=1
  fi
done
exit $status
