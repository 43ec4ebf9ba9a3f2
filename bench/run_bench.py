#!/usr/bin/python3
"""Whole-process benchmark of hcm-opt: wall time, CPU time and peak RSS, medians.

  bench/run_bench.py [--hcm-opt BIN] [--base BIN] [--models DIR] [--runs N]
                     [NAME ...]

Runs each case N times (default 5; at most 3 for the 1M-node chain) and
prints a Markdown table of the medians: wall time, CPU time (user + system:
on a shared machine the wall time mostly measures the other processes) and
peak RSS. Each run is two processes: hcm-opt on its own, whose wall time
(measured here) and CPU time (its rusage) are reported, and hcm-opt under
`/usr/bin/time -v`, whose "Maximum resident set size" is. Timing hcm-opt
under time would add time's own start-up, fork and exec: 2-3 ms, a fifth of
a small model's run. Cases: for every model file in DIR
(default build/bench-models, written by make_bench_models.py) "import"
(`hcm-opt M --dim N=1`, the IR to a scratch file) and "-O"
(`hcm-opt M --dim N=1 -O`, the report to a scratch file). NAME arguments keep
only the cases whose model name contains one of them. With --base, every
case also runs with that binary (e.g. a build of the previous commit),
alternating run by run with the first so that both see the same load, and
the two outputs must be byte-identical: a mismatch is reported and the exit
code is 1.
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


def digest_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def run_once(cmd, out_path):
    """(wall s, CPU s, peak RSS KiB, sha256 of stdout) of one run: wall and
    CPU of cmd on its own, peak RSS from a second run under time -v. Both
    runs must print the same bytes."""
    with open(out_path, "wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        rc = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode(errors="replace")
    if rc != 0:
        sys.exit("failed (%d): %s\n%s" % (rc, " ".join(cmd), text[-2000:]))
    cpu = usage.ru_utime + usage.ru_stime
    digest = digest_of(out_path)
    with open(out_path, "wb") as out, tempfile.TemporaryFile() as err:
        rc = subprocess.call(["/usr/bin/time", "-v"] + cmd, stdout=out,
                             stderr=err)
        err.seek(0)
        text = err.read().decode(errors="replace")
    if rc != 0:
        sys.exit("failed (%d): /usr/bin/time -v %s\n%s"
                 % (rc, " ".join(cmd), text[-2000:]))
    rss = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("Maximum resident set size"):
            rss = int(line.rsplit(" ", 1)[1])
    if rss is None:
        sys.exit("no peak RSS in /usr/bin/time -v's output: " + " ".join(cmd))
    if digest_of(out_path) != digest:
        sys.exit("non-deterministic output: " + " ".join(cmd))
    return wall, cpu, rss, digest


def measure(binaries, model, mode, runs, scratch):
    """Per binary: (median wall, median CPU, median RSS, output digest); the
    binaries take turns run by run."""
    cmd = [model, "--dim", "N=1"] + (["-O"] if mode == "-O" else [])
    samples = [([], [], [], set()) for _ in binaries]
    for _ in range(runs):
        for b, (walls, cpus, rsss, digests) in zip(binaries, samples):
            w, c, r, d = run_once([b] + cmd, scratch)
            walls.append(w)
            cpus.append(c)
            rsss.append(r)
            digests.add(d)
    result = []
    for b, (walls, cpus, rsss, digests) in zip(binaries, samples):
        if len(digests) != 1:
            sys.exit("non-deterministic output: " + " ".join([b] + cmd))
        result.append((statistics.median(walls), statistics.median(cpus),
                       statistics.median(rsss), digests.pop()))
    return result


def secs(t):
    ms = t * 1000
    return ("%.0f ms" % ms) if ms >= 100 else ("%.1f ms" % ms)


def fmt(wall, cpu, rss):
    return "%s | %s | %.1f MiB" % (secs(wall), secs(cpu), rss / 1024)


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
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        elif a.startswith("-"):
            sys.exit("run_bench.py: error: unknown option '%s'" % a)
        else:
            names.append(a)
    models_dir = models_dir or os.path.join(ROOT, "build", "bench-models")
    header = "| model | case | wall | CPU | peak RSS |"
    if base:
        header += " base wall | base CPU | base RSS | same output |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    status = 0
    scratch = tempfile.mktemp(prefix="hcm-bench-")
    binaries = [binary] + ([base] if base else [])
    for name in MODELS:
        if names and not any(n in name for n in names):
            continue
        model = os.path.join(models_dir, name + ".onnx")
        if not os.path.exists(model):
            print("| %s | missing (run make_bench_models.py) | | | |" % name)
            continue
        n = min(runs, 3) if name == "chain_1m" else runs
        for mode in ("import", "-O"):
            res = measure(binaries, model, mode, n, scratch)
            row = "| %s | %s | %s |" % (name, mode, fmt(*res[0][:3]))
            if base:
                same = "yes" if res[1][3] == res[0][3] else "**NO**"
                status |= res[1][3] != res[0][3]
                row += " %s | %s |" % (fmt(*res[1][:3]), same)
            print(row, flush=True)
    if os.path.exists(scratch):
        os.remove(scratch)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
