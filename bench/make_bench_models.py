#!/usr/bin/python3
"""Writes the benchmark models (run with /usr/bin/python3; nothing committed).

  make_bench_models.py [--out DIR] [models] [chains] [chain_1m] [big]

models  torchvision ResNet-18, ResNet-50, MobileNetV2, AlexNet and VGG-16,
        exported as models/export_models.py does (opset 13, symbolic batch N,
        torch.manual_seed(0), random init) but with every weight inline:
        <name>_inline.onnx (VGG-16: 528 MB).
chains  synthetic chains of Conv(1x1, 4 channels) -> Relu -> Add(residual)
        blocks with 10k, 100k and 1M nodes (chain_10k.onnx, ...), each Conv
        with its own 64-byte inline weight. chain_10k, chain_100k or
        chain_1m makes one of them (test/Integration/million-node-chain.test).
big     a transformer-sized stack of 40 MatMul [4096, 4096] f32 layers with a
        Relu after each: 2.5 GiB of weights as external data in a sparse file
        (big_ext.onnx + big_ext.onnx.data, no disk blocks used).

Default: all three, into build/bench-models.
"""
import os
import random
import struct
import sys

import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "build", "bench-models")


def export_torchvision(out):
    import torch
    import torchvision
    models = {
        "resnet18": torchvision.models.resnet18,
        "resnet50": torchvision.models.resnet50,
        "mobilenet_v2": torchvision.models.mobilenet_v2,
        "alexnet": torchvision.models.alexnet,
        "vgg16": torchvision.models.vgg16,
    }
    for name, ctor in models.items():
        path = os.path.join(out, name + "_inline.onnx")
        if os.path.exists(path):
            continue
        torch.manual_seed(0)
        model = ctor(weights=None)
        model.eval()
        with torch.no_grad():
            torch.onnx.export(model, torch.zeros(1, 3, 224, 224), path,
                              opset_version=13, input_names=["input"],
                              output_names=["output"],
                              dynamic_axes={"input": {0: "N"},
                                            "output": {0: "N"}},
                              do_constant_folding=True)
        print(name, os.path.getsize(path), "bytes")


def make_chain(path, nodes, channels=4):
    """Conv -> Relu -> Add blocks; `nodes` nodes in all (Relus pad)."""
    rng = random.Random(0)
    shape = [1, channels, 8, 8]
    graph = helper.make_graph([], "chain", [
        helper.make_tensor_value_info("input", TensorProto.FLOAT, shape)], [])
    prev = "input"
    for b in range(nodes // 3):
        w = "blk%d.weight" % b
        t = graph.initializer.add()
        t.name = w
        t.data_type = TensorProto.FLOAT
        t.dims.extend([channels, channels, 1, 1])
        t.raw_data = struct.pack("<%df" % (channels * channels), *(
            rng.gauss(0.0, 1.0) for _ in range(channels * channels)))
        c, r, a = ("/blk%d/%s" % (b, op) for op in ("Conv", "Relu", "Add"))
        n = graph.node.add()
        n.op_type, n.name = "Conv", c
        n.input.extend([prev, w])
        n.output.append(c + "_output_0")
        n.attribute.append(helper.make_attribute("kernel_shape", [1, 1]))
        n = graph.node.add()
        n.op_type, n.name = "Relu", r
        n.input.append(c + "_output_0")
        n.output.append(r + "_output_0")
        n = graph.node.add()
        n.op_type, n.name = "Add", a
        n.input.extend([r + "_output_0", prev])
        n.output.append(a + "_output_0")
        prev = a + "_output_0"
    for k in range(nodes % 3):
        n = graph.node.add()
        n.op_type, n.name = "Relu", "/tail%d/Relu" % k
        n.input.append(prev)
        prev = n.name + "_output_0"
        n.output.append(prev)
    graph.output.append(
        helper.make_tensor_value_info(prev, TensorProto.FLOAT, shape))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)],
                              producer_name="hcm-bench")
    model.ir_version = 7
    with open(path, "wb") as f:
        f.write(model.SerializeToString())
    print(os.path.basename(path), len(graph.node), "nodes",
          os.path.getsize(path), "bytes")


CHAINS = (("10k", 10_000), ("100k", 100_000), ("1m", 1_000_000))


def make_chains(out, labels=None):
    """The chains (those of `labels` only), unless they exist."""
    for label, n in CHAINS:
        path = os.path.join(out, "chain_%s.onnx" % label)
        if (labels is None or label in labels) and not os.path.exists(path):
            # Written under a temporary name: an interrupted run leaves no
            # truncated model for the next one to take.
            make_chain(path + ".tmp", n)
            os.replace(path + ".tmp", path)


def make_big(out, layers=40, hidden=4096):
    """MatMul + Relu layers, weights in a sparse external data file."""
    path = os.path.join(out, "big_ext.onnx")
    data = "big_ext.onnx.data"
    size = hidden * hidden * 4
    graph = helper.make_graph([], "big", [helper.make_tensor_value_info(
        "input", TensorProto.FLOAT, ["N", 128, hidden])], [])
    prev = "input"
    for i in range(layers):
        t = graph.initializer.add()
        t.name = "layers.%d.weight" % i
        t.data_type = TensorProto.FLOAT
        t.dims.extend([hidden, hidden])
        t.data_location = TensorProto.EXTERNAL
        for k, v in (("location", data), ("offset", str(i * size)),
                     ("length", str(size))):
            e = t.external_data.add()
            e.key, e.value = k, v
        mm, relu = "/layers.%d/MatMul" % i, "/layers.%d/Relu" % i
        graph.node.append(helper.make_node("MatMul", [prev, t.name],
                                           [mm + "_output_0"], name=mm))
        graph.node.append(helper.make_node("Relu", [mm + "_output_0"],
                                           [relu + "_output_0"], name=relu))
        prev = relu + "_output_0"
    graph.output.append(helper.make_tensor_value_info(
        prev, TensorProto.FLOAT, ["N", 128, hidden]))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)],
                              producer_name="hcm-bench")
    model.ir_version = 7
    with open(path, "wb") as f:
        f.write(model.SerializeToString())
    with open(os.path.join(out, data), "wb") as f:
        f.truncate(layers * size)  # sparse: no blocks written
    print("big_ext.onnx", layers * size, "bytes of external data")


def main(argv):
    out = DEFAULT_OUT
    if argv[:1] == ["--out"]:
        out, argv = argv[1], argv[2:]
    what = argv or ["models", "chains", "big"]
    os.makedirs(out, exist_ok=True)
    for w in what:
        if w == "models":
            export_torchvision(out)
        elif w == "chains":
            make_chains(out)
        elif w in ["chain_" + label for label, _ in CHAINS]:
            make_chains(out, [w[len("chain_"):]])
        elif w == "big":
            make_big(out)
        else:
            sys.exit("unknown set %r (models, chains, big)" % w)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
