"""Checks an annotated ONNX file (hcm-opt --emit=onnx) with python3-onnx.

Usage: check_onnx.py FILE.onnx
Runs onnx.checker.check_model, then prints the domains imported, the hcm
attributes of every node and the hcm.attr: / hcm.prop: metadata keys,
sorted, for FileCheck.
"""
import sys

import onnx


def main():
    model = onnx.load(sys.argv[1])
    onnx.checker.check_model(model)
    print("checker: ok")
    for o in sorted(model.opset_import, key=lambda o: o.domain):
        print(f"opset {o.domain or 'ai.onnx'} {o.version}")
    for n in model.graph.node:
        attrs = sorted(a.name for a in n.attribute if a.name.startswith("hcm."))
        if attrs:
            print(f"node {n.name} {n.domain}.{n.op_type}: {' '.join(attrs)}")
    for p in sorted(model.metadata_props, key=lambda p: p.key):
        if p.key.startswith(("hcm.attr:", "hcm.prop:")):
            print(f"metadata {p.key}")


if __name__ == "__main__":
    main()
