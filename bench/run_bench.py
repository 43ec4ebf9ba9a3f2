#!/usr/bin/python3
"""Whole-process benchmark of hcm-opt: wall time and peak RSS, medians.

  bench/run_bench.py [--hcm-opt BIN] [--base BIN] [--models DIR] [--runs N]
                     [NAME ...]

Runs each case N times (default 5; 3 for the 1M-node chain) under
`/usr/bin/time -v` and prints a Markdown table of the medians. Cases: for
every model file in DIR (default build/bench-models, written by
make_bench_models.py) "import" (`hcm-opt M --dim N=1`, IR to a scratch file)
and "-O" (`hcm-opt M --dim N=1 -O`). NAME arguments keep only the cases whose
model name contains one of them. With --base, the same cases also run with
that binary (e.g. a build of the previous commit) and the two outputs must
be byte-identical: a mismatch is reported and the exit code is 1.
"""
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

MODELS = ["resnet18_inline", "resnet50_inline", "mobilenet_v2_inline",
          "alexnet_inline", "vgg16_inline", "chain_10k", "chain_100k",
          "chain_1m", "big_ext"]


def run_once(cmd, out_path):
    """(wall seconds, peak RSS KiB, sha256 of stdout) of one run. The wall
    time is measured here (time -v prints only centiseconds)."""
    with open(out_path, "wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        rc = subprocess.call(["/usr/bin/time", "-v"] + cmd, stdout=out,
                             stderr=err)
        wall = time.perf_counter() - start
        err.seek(0)
        text = err.read().decode(errors="replace")
    if rc != 0:
        sys.exit("failed (%d): %s\n%s" % (rc, " ".join(cmd), text[-2000:]))
    rss = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("Maximum resident set size"):
            rss = int(line.rsplit(" ", 1)[1])
    with open(out_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return wall, rss, digest


def measure(binary, model, mode, runs, scratch):
    cmd = [binary, model, "--dim", "N=1"] + (["-O"] if mode == "-O" else [])
    walls, rsss, digests = [], [], set()
    for _ in range(runs):
        w, r, d = run_once(cmd, scratch)
        walls.append(w)
        rsss.append(r)
        digests.add(d)
    if len(digests) != 1:
        sys.exit("non-deterministic output: " + " ".join(cmd))
    return statistics.median(walls), statistics.median(rsss), digests.pop()


def fmt(wall, rss):
    ms = wall * 1000
    return "%s | %.1f MiB" % (("%.0f ms" % ms) if ms >= 100 else
                              ("%.1f ms" % ms), rss / 1024)


def main(argv):
    binary = os.path.join(ROOT, "build", "bin", "hcm-opt")
    base, models_dir, runs, names = None, None, 5, []
    while argv:
        a = argv.pop(0)
        if a == "--hcm-opt":
            binary = argv.pop(0)
        elif a == "--base":
            base = argv.pop(0)
        elif a == "--models":
            models_dir = argv.pop(0)
        elif a == "--runs":
            runs = int(argv.pop(0))
        else:
            names.append(a)
    models_dir = models_dir or os.path.join(ROOT, "build", "bench-models")
    header = "| model | case | hcm-opt wall | peak RSS |"
    if base:
        header += " base wall | base RSS | same output |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    status = 0
    scratch = tempfile.mktemp(prefix="hcm-bench-")
    for name in MODELS:
        if names and not any(n in name for n in names):
            continue
        model = os.path.join(models_dir, name + ".onnx")
        if not os.path.exists(model):
            print("| %s | missing (run make_bench_models.py) | | |" % name)
            continue
        n = 3 if name == "chain_1m" else runs
        for mode in ("import", "-O"):
            w, r, d = measure(binary, model, mode, n, scratch)
            row = "| %s | %s | %s |" % (name, mode, fmt(w, r))
            if base:
                bw, br, bd = measure(base, model, mode, n, scratch)
                same = "yes" if bd == d else "**NO**"
                status |= bd != d
                row += " %s | %s |" % (fmt(bw, br), same)
            print(row, flush=True)
    if os.path.exists(scratch):
        os.remove(scratch)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
