"""Tests of the Python module `hcm` (run by scripts/test.sh).

PYTHONPATH=build/python /usr/bin/python3 -m unittest discover -s python/tests
hcm.analyze must give hcm-opt's JSON report (schema hcm-report/2) of the
same model, pipeline and target -- the same keys in the same order and the
same values, each layer and vector op flattened; errors raise hcm.Error with
one line.
"""
import json
import os
import subprocess
import tempfile
import unittest

import hcm

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("HCM_BUILD", os.path.join(ROOT, "build"))
MODEL = os.path.join(ROOT, "models", "mnist_cnn2.onnx")


def hcm_opt(*args, model=MODEL):
    return subprocess.run([os.path.join(BUILD, "bin", "hcm-opt"), model,
                           *args], check=True, capture_output=True,
                          text=True).stdout


def hcm_opt_json(*args, model=MODEL):
    return json.loads(hcm_opt("--dim", "N=1", *args, model=model))


def flat(obj):
    """A JSON layer or vector op with its objects merged, in key order: how
    hcm.analyze presents it (no list of keys here, as none in the module)."""
    row = {}
    for k, v in obj.items():
        if isinstance(v, dict):
            for k2, v2 in v.items():
                assert k2 not in row, f"key {k2} of {k} is not unique"
                row[k2] = v2
        else:
            row[k] = v
    return row


QUANT = "canonicalize,annotate-quant{w=4 a=4},lower-to-pe"


class AnalyzeTest(unittest.TestCase):
    def assert_same_report(self, r, j):
        """r (hcm.analyze) is j (hcm-opt's JSON report): the same keys in
        the same order and the same values, layers and vector ops flat."""
        self.assertEqual(list(r), list(j) + ["warnings"])
        for key in j:
            if key in ("layers", "vector_ops"):
                self.assertEqual([list(flat(o)) for o in j[key]],
                                 [list(o) for o in r[key]], key)
                self.assertEqual([flat(o) for o in j[key]], r[key], key)
            else:
                self.assertEqual(j[key], r[key], key)

    def test_equals_json_report(self):
        r = hcm.analyze(MODEL, dims={"N": 1})
        j = hcm_opt_json("-p", "default{format=json}")
        self.assert_same_report(r, j)
        self.assertEqual(r["schema"], "hcm-report/2")

    def test_layer_keys_are_the_json_keys(self):
        # Quantized and lowered: the layers have a kernel, a bias format and
        # fused activations, the keys a hand-written list would miss.
        r = hcm.analyze(MODEL, dims={"N": 1}, pipeline=QUANT)
        j = hcm_opt_json("-p", QUANT + ",emit-report{format=json}")
        self.assert_same_report(r, j)
        keys = set().union(*(set(layer) for layer in r["layers"]))
        self.assertTrue({"kernel", "b", "fused", "acc_bits", "macs",
                         "cycles", "bound"} <= keys, keys)
        self.assertEqual(r["layers"][0]["kernel"], [3, 3])

    def test_target_and_pipeline(self):
        args = ["--target-set", "clock=100MHz", "-p",
                QUANT + ",emit-report{format=json}"]
        r = hcm.analyze(MODEL, dims={"N": 1}, target_set=["clock=100MHz"],
                        pipeline=QUANT)
        self.assert_same_report(r, hcm_opt_json(*args))
        self.assertEqual(r["layers"][0]["w"], "i4")
        self.assertIsInstance(r["layers"][0]["macs"], int)
        self.assertEqual(r["target"]["clock_hz"], 100000000)

    def test_recorded_target(self):
        # A model written by --emit=onnx is analysed on the target it records
        # (hcm.target) unless one is named, like hcm-opt.
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "m.onnx")
            hcm_opt("--dim", "N=1", "--target-set", "clock=100MHz", "-p",
                    QUANT + ",ppa", "--emit=onnx", "-o", out)
            r = hcm.analyze(out, pipeline="emit-report")
            self.assertEqual(r["target"]["clock_hz"], 100000000)
            self.assertEqual(r["warnings"], [])
            named = hcm.analyze(out, target="hcm-16x16-800mhz",
                                pipeline="emit-report")
            self.assertEqual(named["target"]["clock_hz"], 800000000)

    def test_loads_into_pandas(self):
        # The layers are a list of flat dicts: one DataFrame, a column per
        # key, integers as int64 (python3-pandas, installed by setup.sh).
        import pandas
        r = hcm.analyze(MODEL, dims={"N": 1}, pipeline=QUANT)
        df = pandas.DataFrame(r["layers"])
        self.assertEqual(len(df), len(r["layers"]))
        self.assertEqual(list(df.columns)[:6], ["name", "op", "kernel",
                                                "in_channels",
                                                "out_channels", "groups"])
        self.assertEqual(str(df["macs"].dtype), "int64")
        self.assertEqual(df["macs"].sum(), r["totals"]["macs"])

    def test_errors_raise_one_line(self):
        with self.assertRaises(hcm.Error) as e:
            hcm.analyze("no/such/model.onnx")
        self.assertIn("no/such/model.onnx", str(e.exception))
        self.assertNotIn("\n", str(e.exception))
        with self.assertRaises(hcm.Error) as e:
            hcm.analyze(MODEL, target="no-such-target")
        self.assertIn("no-such-target", str(e.exception))
        with self.assertRaises(hcm.Error):
            hcm.analyze(MODEL, pipeline="no-such-pass")
        with self.assertRaises(RuntimeError):  # hcm.Error is one
            hcm.analyze(MODEL, target_set=["clock"])

    def test_version(self):
        self.assertEqual(hcm.REPORT_SCHEMA, "hcm-report/2")
        self.assertRegex(hcm.__version__, r"^\d+\.\d+")


if __name__ == "__main__":
    unittest.main()
