#!/usr/bin/python3
"""Builds models/resnet18_int8_qdq.onnx: ResNet-18 in ONNX Runtime's QDQ format.

Run with /usr/bin/python3 (it imports onnx, numpy and torch):

    /usr/bin/python3 models/quantize_qdq.py

ONNX Runtime is not available offline, so this script writes the layout its
static quantizer (QuantFormat.QDQ, per_channel=True) produces:
  - every float tensor produced by Conv/Relu/MaxPool/Add/GlobalAveragePool/
    Flatten, and the graph input, passes one QuantizeLinear -> DequantizeLinear
    pair (uint8, per-tensor, asymmetric); the final Gemm output stays float;
  - weights are int8 initializers (per output channel, symmetric, zero point 0)
    read through DequantizeLinear(axis=0);
  - biases are int32 initializers (scale = input scale * weight scale, zero
    point 0) read through DequantizeLinear(axis=0).
Activation ranges come from min/max calibration: the float graph is evaluated
with torch on 4 images drawn from a standard normal (numpy seed 0). torch's
Identity nodes (deduplicated initializers) are resolved first. The result is
saved graph-only like the float model: its int8/int32 weights go to
resnet18_int8_qdq.onnx.data (not committed). Re-running gives identical bytes.
"""
import os

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import helper, numpy_helper, TensorProto

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "resnet18.onnx")
DST = os.path.join(HERE, "resnet18_int8_qdq.onnx")
DATA = "resnet18_int8_qdq.onnx.data"
QUANTIZED_OUTPUTS = {"Conv", "Relu", "MaxPool", "Add", "GlobalAveragePool", "Flatten"}


def attrs(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def resolve_identities(graph):
    """Drops Identity nodes, rewiring their users to the source value."""
    alias = {n.output[0]: n.input[0] for n in graph.node if n.op_type == "Identity"}
    nodes = [n for n in graph.node if n.op_type != "Identity"]
    for n in nodes:
        for i, name in enumerate(n.input):
            while name in alias:
                name = alias[name]
            n.input[i] = name
    del graph.node[:]
    graph.node.extend(nodes)


def evaluate(graph, weights, x):
    """Runs the float graph with torch; returns every tensor by name."""
    env = {graph.input[0].name: torch.from_numpy(x)}
    env.update({k: torch.from_numpy(np.array(v)) for k, v in weights.items()})
    for n in graph.node:
        a, ins = attrs(n), [env[i] for i in n.input]
        if n.op_type == "Conv":
            p = a.get("pads", [0, 0, 0, 0])
            assert p[0] == p[2] and p[1] == p[3]
            y = F.conv2d(ins[0], ins[1], ins[2] if len(ins) > 2 else None,
                         stride=a.get("strides", [1, 1]), padding=p[:2],
                         dilation=a.get("dilations", [1, 1]), groups=a.get("group", 1))
        elif n.op_type == "Relu":
            y = F.relu(ins[0])
        elif n.op_type == "MaxPool":
            p = a.get("pads", [0, 0, 0, 0])
            y = F.max_pool2d(ins[0], a["kernel_shape"], a.get("strides"), p[:2])
        elif n.op_type == "Add":
            y = ins[0] + ins[1]
        elif n.op_type == "GlobalAveragePool":
            y = ins[0].mean(dim=(2, 3), keepdim=True)
        elif n.op_type == "Flatten":
            y = torch.flatten(ins[0], a.get("axis", 1))
        elif n.op_type == "Gemm":
            y = F.linear(ins[0], ins[1], ins[2]) if a.get("transB") else ins[0] @ ins[1] + ins[2]
        else:
            raise SystemExit(f"unsupported op {n.op_type}")
        env[n.output[0]] = y
    return env


def uint8_params(lo, hi):
    lo, hi = min(0.0, lo), max(0.0, hi)
    scale = np.float32((hi - lo) / 255.0 if hi > lo else 1.0)
    zp = np.uint8(np.clip(np.round(-lo / scale), 0, 255))
    return scale, zp


def main():
    model = onnx.load(SRC)  # loads resnet18.onnx.data from this folder
    graph = model.graph
    resolve_identities(graph)
    weights = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    rng = np.random.default_rng(0)
    x = rng.standard_normal((4, 3, 224, 224), dtype=np.float32)
    with torch.no_grad():
        env = evaluate(graph, weights, x)

    inits, nodes = [], []
    act_scale = {}

    def qdq(name):
        """Q/DQ pair after tensor `name`; returns the DQ output name."""
        t = env[name].numpy()
        s, z = uint8_params(float(t.min()), float(t.max()))
        act_scale[name] = s
        inits.append(numpy_helper.from_array(np.array(s, np.float32), name + "_scale"))
        inits.append(numpy_helper.from_array(np.array(z, np.uint8), name + "_zero_point"))
        nodes.append(helper.make_node("QuantizeLinear", [name, name + "_scale", name + "_zero_point"],
                                      [name + "_quantized"], name=name + "_QuantizeLinear"))
        nodes.append(helper.make_node("DequantizeLinear", [name + "_quantized", name + "_scale",
                                                          name + "_zero_point"],
                                      [name + "_dequantized"], name=name + "_DequantizeLinear"))
        return name + "_dequantized"

    def weight_dq(node, wname, bname):
        """int8 per-channel weight and int32 bias of `node` through DQ."""
        w = weights[wname]
        ws = (np.abs(w.reshape(w.shape[0], -1)).max(axis=1) / 127.0).astype(np.float32)
        ws[ws == 0] = 1.0
        wq = np.clip(np.round(w / ws.reshape(-1, *[1] * (w.ndim - 1))), -127, 127).astype(np.int8)
        base = f"{node.name}/{wname}"
        inits.append(numpy_helper.from_array(wq, base + "_quantized"))
        inits.append(numpy_helper.from_array(ws, base + "_scale"))
        inits.append(numpy_helper.from_array(np.zeros_like(ws, np.int8), base + "_zero_point"))
        nodes.append(helper.make_node("DequantizeLinear", [base + "_quantized", base + "_scale",
                                                          base + "_zero_point"],
                                      [base + "_dequantized"], name=base + "_DequantizeLinear", axis=0))
        out = [base + "_dequantized"]
        if bname:
            bs = (act_scale[node.input[0]] * ws).astype(np.float32)
            bq = np.round(weights[bname] / bs).astype(np.int32)
            bbase = f"{node.name}/{bname}"
            inits.append(numpy_helper.from_array(bq, bbase + "_quantized"))
            inits.append(numpy_helper.from_array(bs, bbase + "_scale"))
            inits.append(numpy_helper.from_array(np.zeros_like(bq), bbase + "_zero_point"))
            nodes.append(helper.make_node("DequantizeLinear", [bbase + "_quantized", bbase + "_scale",
                                                              bbase + "_zero_point"],
                                          [bbase + "_dequantized"],
                                          name=bbase + "_DequantizeLinear", axis=0))
            out.append(bbase + "_dequantized")
        return out

    renamed = {graph.input[0].name: qdq(graph.input[0].name)}
    for n in graph.node:
        inputs = [renamed.get(i, i) for i in n.input]
        if n.op_type in ("Conv", "Gemm"):
            data = n.input[0]
            inputs = [renamed[data]] + weight_dq(n, n.input[1], n.input[2] if len(n.input) > 2 else None)
        new = helper.make_node(n.op_type, inputs, list(n.output), name=n.name)
        new.attribute.extend(n.attribute)
        nodes.append(new)
        if n.op_type in QUANTIZED_OUTPUTS:
            renamed[n.output[0]] = qdq(n.output[0])

    qgraph = helper.make_graph(nodes, graph.name, list(graph.input), list(graph.output), inits)
    qmodel = helper.make_model(qgraph, opset_imports=list(model.opset_import),
                               producer_name="hcm models/quantize_qdq.py")
    qmodel.ir_version = model.ir_version
    onnx.checker.check_model(qmodel)
    onnx.shape_inference.infer_shapes(qmodel, strict_mode=True)
    if os.path.exists(os.path.join(HERE, DATA)):
        os.remove(os.path.join(HERE, DATA))
    onnx.save_model(qmodel, DST, save_as_external_data=True, all_tensors_to_one_file=True,
                    location=DATA, size_threshold=1024)
    ops = {}
    for n in nodes:
        ops[n.op_type] = ops.get(n.op_type, 0) + 1
    print(f"wrote {DST}: " + ", ".join(f"{k} {v}" for k, v in sorted(ops.items())))


if __name__ == "__main__":
    main()
