#!/usr/bin/python3
"""Writes the external-data fixtures of test/Import (run with /usr/bin/python3).

ext-ok.onnx       initializer w in ext-ok.bin (committed, 4 floats)
ext-missing.onnx  initializer w in missing.bin (not present: a warning)
ext-escape.onnx   initializer w at ../escape.bin (must be rejected)
ext-absolute.onnx initializer w at /etc/passwd (must be rejected)
"""
import os
import struct

import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))


def model(location, length=16):
    w = TensorProto()
    w.name = "w"
    w.data_type = TensorProto.FLOAT
    w.dims.extend([4])
    w.data_location = TensorProto.EXTERNAL
    for k, v in (("location", location), ("offset", "0"), ("length", str(length))):
        e = w.external_data.add()
        e.key, e.value = k, v
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])
    node = helper.make_node("Add", ["x", "w"], ["y"], name="add")
    graph = helper.make_graph([node], "ext", [x], [y], initializer=[w])
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)],
                          producer_name="make_external.py")
    m.ir_version = 8
    return m


def main():
    with open(os.path.join(HERE, "ext-ok.bin"), "wb") as f:
        f.write(struct.pack("<4f", 1.0, 2.0, 3.0, 4.0))
    for name, loc in (("ext-ok", "ext-ok.bin"), ("ext-missing", "missing.bin"),
                      ("ext-escape", "../escape.bin"),
                      ("ext-absolute", "/etc/passwd")):
        onnx.save(model(loc), os.path.join(HERE, name + ".onnx"))


if __name__ == "__main__":
    main()
