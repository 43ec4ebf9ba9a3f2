#!/usr/bin/python3
"""Counts parameters, MACs and 3x3 conv operations of the shipped models.

Run with /usr/bin/python3 after export_models.py. Reads only the graphs (the
.onnx.data weight files are not needed): initializer dims, plus ONNX shape
inference with the batch dim N fixed to 1. Prints the numbers quoted in
README.md.
"""
import os
import sys
from math import prod

import onnx
from onnx import shape_inference

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = ["resnet18", "mobilenet_v2", "vgg16",
          "mnist_cnn2", "mnist_cnn3", "mnist_cnn4"]


def dims(vi):
    return [d.dim_value for d in vi.type.tensor_type.shape.dim]


def analyze(name):
    m = onnx.load(os.path.join(HERE, name + ".onnx"), load_external_data=False)
    for d in m.graph.input[0].type.tensor_type.shape.dim[:1]:
        d.Clear()
        d.dim_value = 1  # N = 1
    m = shape_inference.infer_shapes(m)
    g = m.graph
    init = {t.name: list(t.dims) for t in g.initializer}
    shape = dict(init)
    for vi in list(g.input) + list(g.value_info) + list(g.output):
        shape[vi.name] = dims(vi)
    # torch deduplicates equal initializers and hands out the copies through
    # Identity nodes: follow them back to the initializer.
    alias = {n.output[0]: n.input[0] for n in g.node if n.op_type == "Identity"}

    def source(v):
        while v in alias:
            v = alias[v]
        return v

    unique = sum(prod(d) for d in init.values())
    by_use = macs = conv_ops = 0
    convs = []
    for n in g.node:
        if n.op_type not in ("Conv", "Gemm"):
            continue
        for v in n.input[1:]:
            by_use += prod(init[source(v)])
        w = init[source(n.input[1])]
        out = shape[n.output[0]]
        if n.op_type == "Conv":
            # w = [Cout, Cin/group, kh, kw]; out = [1, Cout, Ho, Wo]
            macs += prod(out) * prod(w[1:])
            conv_ops += prod(out)  # output pixels x filters
            convs.append("%dx%d/s%s" % (w[2], w[3], [a.ints[0] for a in n.attribute
                                                     if a.name == "strides"][0])
                         + "->%s" % "x".join(map(str, out[1:])))
        else:
            macs += prod(w)  # one image: K x M multiply-accumulates
    ops = sorted({n.op_type for n in g.node})
    return unique, by_use, macs, conv_ops, convs, ops


def main():
    for name in MODELS:
        unique, by_use, macs, conv_ops, convs, ops = analyze(name)
        print("%-13s params: %11s over initializers, %11s by use; "
              "MACs/image: %14s; conv outputs (Ho*Wo*Cout): %9s"
              % (name, format(unique, ","), format(by_use, ","),
                 format(macs, ","), format(conv_ops, ",")))
        print("%13s ops: %s" % ("", " ".join(ops)))
        if name.startswith("mnist"):
            print("%13s convs: %s; x100 images = %s"
                  % ("", ", ".join(convs), format(100 * conv_ops, ",")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
