#!/usr/bin/python3
"""Checks that every point of an hcm-dse JSON (and CSV) output equals a
separate hcm-opt run of the same target and quantization, to the last
printed digit: numbers are compared as the text both tools printed.

  compare_opt.py 'HCM_OPT [FLAGS]' MODEL DSE.json DSE.csv QUANT_KEYS -- HCM_OPT_ARGS...
"""
import csv
import json
import shlex
import subprocess
import sys


def raw(text):
    # Keep every number as its printed text.
    return json.loads(text, parse_float=str, parse_int=str)


def main():
    opt, model, js, cs = sys.argv[1:5]
    opt = shlex.split(opt)  # the tool, with lit's --verify-roundtrip
    extra = sys.argv[sys.argv.index("--") + 1:]
    with open(js) as f:
        dse = raw(f.read())
    with open(cs) as f:
        rows = {r["point"]: r for r in csv.DictReader(f)}
    checked = 0
    for p in dse["points"]:
        values = {}
        for name, v in p["values"].items():
            for key in name.split("+"):
                values[key] = v
        w = values.get("bits", values.get("w", "8"))
        a = values.get("bits", values.get("a", "8"))
        sets = []
        for o in p["target"]["overrides"]:
            sets += ["--target-set", o]
        pipe = "canonicalize,annotate-quant{w=%s a=%s},lower-to-pe," \
               "emit-report{format=%s}"
        rep = raw(subprocess.check_output(
            opt + [model] + extra + sets + ["-p", pipe % (w, a, "json")],
            stderr=subprocess.DEVNULL))
        for key, val in p["totals"].items():
            if rep["totals"][key] != val:
                sys.exit("point %s: totals.%s: hcm-dse %s, hcm-opt %s"
                         % (p["point"], key, val, rep["totals"][key]))
        for key, val in p["target"].items():
            if rep["target"][key] != val:
                sys.exit("point %s: target.%s: hcm-dse %s, hcm-opt %s"
                         % (p["point"], key, val, rep["target"][key]))
        out = subprocess.check_output(
            opt + [model] + extra + sets + ["-p", pipe % (w, a, "csv")],
            stderr=subprocess.DEVNULL).decode()
        net = [r for r in csv.DictReader(out.splitlines())
               if r["kind"] == "network"][0]
        row = rows[p["point"]]
        for key in row:
            if key in net and key != "name" and row[key] != net[key]:
                sys.exit("point %s: csv %s: hcm-dse %s, hcm-opt %s"
                         % (p["point"], key, row[key], net[key]))
        checked += 1
    print("checked", checked, "points")


main()
