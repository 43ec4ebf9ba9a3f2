#!/usr/bin/env bash
# The installed package, as a user meets it: installs build/ into
# build/install, configures and builds examples/ out of tree against it
# (find_package(hcm CONFIG REQUIRED)), runs the consumer -- its numbers must
# equal the installed hcm-opt's JSON report --, loads the out-of-tree
# plugin into the installed hcm-opt and imports the installed Python module.
# Run by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
P=$PWD/build/install
B=build/examples-installed
M=models/mnist_cnn2.onnx
rm -rf "$P"
cmake --install build --prefix "$P" >/dev/null
cmake -S examples -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$P" >/dev/null
cmake --build "$B" -j2 >/dev/null
for f in include/hcm/Pass/PassPlugin.h lib/cmake/hcm/hcmConfig.cmake \
         share/hcm/targets/hcm-16x16-800mhz.yaml \
         share/hcm/schemas/hcm-report-2.schema.json bin/hcm-dse; do
  [ -e "$P/$f" ] || { echo "test-install: error: $P/$f not installed"; exit 1; }
done
"$B/hcm-consumer" "$M" > "$B/consumer.txt"
"$P/bin/hcm-opt" "$M" --dim N=1 -p 'canonicalize,annotate-quant{w=8 a=8},lower-to-pe,emit-report{format=json}' > "$B/report.json"
/usr/bin/python3 - "$B/consumer.txt" "$B/report.json" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
report = json.load(open(sys.argv[2]))
want = [f"{l['name']} {l['op']} macs={l['work']['macs']} "
        f"cycles={l['schedule']['cycles']} "
        f"{'memory' if l['ppa']['bound'] == 'memory' else 'compute'}-bound"
        for l in report["layers"]]
want.append(f"layers={len(report['layers'])} cycles={report['totals']['cycles']}")
if lines != want or len(want) < 2:
    print("test-install: error: hcm-consumer disagrees with hcm-opt:")
    print("\n".join(lines)); print("expected:"); print("\n".join(want))
    sys.exit(1)
PY
"$P/bin/hcm-opt" --load-pass-plugin="$B/plugins/HcmExamplePlugin.so" "$M" \
  --dim N=1 -p count-ops | grep -qx "count-ops: Conv 2" ||
  { echo "test-install: error: the example plugin did not run"; exit 1; }
# The installed Python module, imported away from the source and build trees.
MODEL=$PWD/$M
(cd / && PYTHONPATH="$P/lib/python3/dist-packages" /usr/bin/python3 - "$MODEL" <<'PY'
import sys
import hcm
r = hcm.analyze(sys.argv[1], dims={"N": 1})
assert "/install/" in hcm.__file__, hcm.__file__
assert r["schema"] == hcm.REPORT_SCHEMA and r["layers"], r["schema"]
PY
) || { echo "test-install: error: the installed Python module does not work"; exit 1; }
echo "test-install: installed package, consumer, plugin and Python module: ok"
