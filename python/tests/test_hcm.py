"""Tests of the Python module `hcm` (run by scripts/test.sh).

PYTHONPATH=build/python /usr/bin/python3 -m unittest discover -s python/tests
The numbers must equal hcm-opt's JSON report (schema hcm-report/2) of the
same model, pipeline and target; errors raise hcm.Error with one line.
"""
import json
import os
import subprocess
import unittest

import hcm

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("HCM_BUILD", os.path.join(ROOT, "build"))
MODEL = os.path.join(ROOT, "models", "mnist_cnn2.onnx")
GROUPS = ("work", "traffic", "tiling", "schedule", "roofline", "ppa")


def hcm_opt_json(*args):
    out = subprocess.run([os.path.join(BUILD, "bin", "hcm-opt"), MODEL,
                          "--dim", "N=1", *args], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def flat_layer(layer):
    row = {k: layer[k] for k in ("name", "op", "in_channels", "out_channels",
                                 "groups")}
    row.update({k: layer["formats"][k] for k in ("a", "w", "out", "acc_bits")})
    for g in GROUPS:
        row.update(layer.get(g, {}))
    return row


class AnalyzeTest(unittest.TestCase):
    def test_equals_json_report(self):
        r = hcm.analyze(MODEL, dims={"N": 1})
        j = hcm_opt_json("-p", "default{format=json}")
        self.assertEqual(r["schema"], j["schema"])
        self.assertEqual(r["model"], j["model"])
        self.assertEqual([flat_layer(l) for l in j["layers"]], r["layers"])
        totals = dict(j["totals"])
        del totals["excludes_not_costed"]
        self.assertEqual(totals, r["totals"])
        target = dict(j["target"])
        del target["overrides"]
        self.assertEqual(target, r["target"])
        self.assertEqual(len(r["vector_ops"]), len(j["vector_ops"]))

    def test_target_and_pipeline(self):
        args = ["--target-set", "clock=100MHz", "-p",
                "canonicalize,annotate-quant{w=4 a=4},lower-to-pe,"
                "emit-report{format=json}"]
        r = hcm.analyze(MODEL, dims={"N": 1}, target_set=["clock=100MHz"],
                        pipeline="canonicalize,annotate-quant{w=4 a=4},"
                                 "lower-to-pe")
        j = hcm_opt_json(*args)
        self.assertEqual([flat_layer(l) for l in j["layers"]], r["layers"])
        self.assertEqual(r["layers"][0]["w"], "i4")
        self.assertIsInstance(r["layers"][0]["macs"], int)

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
