#!/usr/bin/python3
"""Exports every torchvision classifier family and checks hcm-opt -O on each.

Run by test/Models/torchvision.test (REQUIRES: torchvision) and
test/Models/torchvision-large.test (opt-in), with /usr/bin/python3
(Debian's python3-torch / python3-torchvision):

    torchvision_all.py --hcm-opt build/bin/hcm-opt --cache DIR
                       [--set default|large|all]
                       [--forms n13,static11,nofold17] [NAME ...]
    torchvision_all.py --hcm-opt ... --cache DIR --expect-unsupported NAME

`--set default` (the default) is one model of every family, 20 in all;
`large` the other 60 classifiers of torchvision.models.list_models(), the
biggest ones included (vit_h_14 at 518x518, regnet_y_128gf at 384x384: each
minutes and several GB of RAM to export). Each model is exported in up to
three forms, graph-only (weights neither initialized nor kept, since hcm
needs dims only), once into DIR and reused on later runs, so a suite pays
the export only the first time:

  n13       opset 13, input [N,3,S,S] with a symbolic batch N, constant
            folding (models/export_models.py's form; file NAME.onnx)
  static11  opset 11, a static batch of 1, constant folding
            (NAME.static11.onnx; MaxViT at opset 12, the first with Einsum)
  nofold17  opset 17, symbolic N, no constant folding: BatchNormalization
            nodes and every shape computation are left to hcm's canonicalize
            (NAME.nofold17.onnx)

For every model and form `hcm-opt [--dim N=1] -p 'default{format=json}'`
must exit 0 with no node left not costed, and its MACs in G rounded to
three decimals must equal torchvision's published GFLOPS (the `_ops` of the
model's default weights, printed to three decimals; they count
multiply-accumulates: docs/REPORT.md, "MACs, op by op"). An export the
exporter refuses is a failure with its error. Without torch/torchvision it
prints a note and exits 0. Export times go to stderr.
"""
import argparse
import json
import os
import subprocess
import sys
import time

# name: (input size, published GFLOPS = GMACs): the `_ops` of the model's
# DEFAULT weights in torchvision's model builders (torchvision >= 0.15; the
# figures in its model docs), printed to three decimals. The input size is
# those weights' crop size.
PUBLISHED = {
    "alexnet": (224, 0.714),
    "vgg16": (224, 15.47),
    "resnet18": (224, 1.814),
    "resnet50": (224, 4.089),
    "squeezenet1_0": (224, 0.819),
    "densenet121": (224, 2.834),
    "inception_v3": (299, 5.713),
    "googlenet": (224, 1.498),
    "shufflenet_v2_x1_0": (224, 0.145),
    "mobilenet_v2": (224, 0.301),
    "mobilenet_v3_large": (224, 0.217),
    "resnext50_32x4d": (224, 4.23),
    "wide_resnet50_2": (224, 11.398),
    "mnasnet1_0": (224, 0.314),
    # Families torchvision added later (torchvision 0.14 builds them all).
    "efficientnet_b0": (224, 0.386),
    "regnet_y_400mf": (224, 0.402),
    "convnext_tiny": (224, 4.456),
    "swin_t": (224, 4.491),
    "maxvit_t": (224, 5.558),
    "vit_b_16": (224, 17.564),
}

# Every other classifier of torchvision.models.list_models(module=
# torchvision.models) (`--set large`: test/Models/torchvision-large.test,
# opt-in; the biggest exports take minutes and GBs of RAM each).
LARGE = {
    "convnext_small": (224, 8.684),
    "convnext_base": (224, 15.355),
    "convnext_large": (224, 34.361),
    "densenet161": (224, 7.728),
    "densenet169": (224, 3.36),
    "densenet201": (224, 4.291),
    "efficientnet_b1": (240, 0.687),
    "efficientnet_b2": (288, 1.088),
    "efficientnet_b3": (300, 1.827),
    "efficientnet_b4": (380, 4.394),
    "efficientnet_b5": (456, 10.266),
    "efficientnet_b6": (528, 19.068),
    "efficientnet_b7": (600, 37.746),
    "efficientnet_v2_s": (384, 8.366),
    "efficientnet_v2_m": (480, 24.582),
    "efficientnet_v2_l": (480, 56.08),
    "mnasnet0_5": (224, 0.104),
    "mnasnet0_75": (224, 0.215),
    "mnasnet1_3": (224, 0.526),
    "mobilenet_v3_small": (224, 0.057),
    "regnet_x_400mf": (224, 0.414),
    "regnet_x_800mf": (224, 0.8),
    "regnet_x_1_6gf": (224, 1.603),
    "regnet_x_3_2gf": (224, 3.177),
    "regnet_x_8gf": (224, 7.995),
    "regnet_x_16gf": (224, 15.941),
    "regnet_x_32gf": (224, 31.736),
    "regnet_y_800mf": (224, 0.834),
    "regnet_y_1_6gf": (224, 1.612),
    "regnet_y_3_2gf": (224, 3.176),
    "regnet_y_8gf": (224, 8.473),
    "regnet_y_16gf": (224, 15.912),
    "regnet_y_32gf": (224, 32.28),
    "regnet_y_128gf": (384, 374.57),
    "resnet34": (224, 3.664),
    "resnet101": (224, 7.801),
    "resnet152": (224, 11.514),
    "resnext101_32x8d": (224, 16.414),
    "resnext101_64x4d": (224, 15.46),
    "shufflenet_v2_x0_5": (224, 0.04),
    "shufflenet_v2_x1_5": (224, 0.296),
    "shufflenet_v2_x2_0": (224, 0.583),
    "squeezenet1_1": (224, 0.349),
    "swin_s": (224, 8.741),
    "swin_b": (224, 15.431),
    "swin_v2_t": (256, 5.94),
    "swin_v2_s": (256, 11.546),
    "swin_v2_b": (256, 20.325),
    "vgg11": (224, 7.609),
    "vgg11_bn": (224, 7.609),
    "vgg13": (224, 11.308),
    "vgg13_bn": (224, 11.308),
    "vgg16_bn": (224, 15.47),
    "vgg19": (224, 19.632),
    "vgg19_bn": (224, 19.632),
    "vit_b_32": (224, 4.409),
    "vit_l_16": (224, 61.555),
    "vit_l_32": (224, 15.378),
    # vit_h_14's default weights are at 518x518 (1016.717): an export of
    # tens of minutes; its SWAG_LINEAR weights' 224x224 is published too.
    "vit_h_14": (224, 167.295),
    "wide_resnet101_2": (224, 22.753),
}

# torch 1.13's exporter has no symbolic for aten::zero (any opset): Swin V2's
# attention zeroes the key part of a clone of its qkv bias in place
# (torchvision's shifted_window_attention, `qkv_bias[length:2*length]
# .zero_()`), so swin_v2_{t,s,b} fail with "UnsupportedOperatorError:
# Exporting the operator 'aten::zero' to ONNX opset version 13 is not
# supported" (`--expect-unsupported NAME` checks that). The harness
# registers one for them -- zero(x) = ConstantOfShape(Shape(x)), a value
# change the MACs do not see -- and checks them like every other model.
NEEDS_ZERO_SYMBOLIC = ("swin_v2_t", "swin_v2_s", "swin_v2_b")


def register_zero_symbolic(opset):
    import torch
    from torch.onnx import register_custom_op_symbolic

    def zero(g, self):
        return g.op("ConstantOfShape", g.op("Shape", self),
                    value_t=torch.tensor([0.0]))

    register_custom_op_symbolic("aten::zero", zero, opset)


# Builder arguments beyond weights=None: ViT's position embedding is sized
# for its input (torchvision builds every ViT for 224x224).
BUILD_KWARGS = {name: {"image_size": size} for name, (size, _) in
                dict(PUBLISHED, **LARGE).items() if name.startswith("vit")}

# Models an opset cannot express: torch.einsum (MaxViT) exports from
# opset 12 on, so its static11 form is at opset 12.
MIN_OPSET = {"maxvit_t": 12}

# form: (opset, symbolic batch, constant folding, file suffix).
FORMS = {
    "n13": (13, True, True, ""),
    "static11": (11, False, True, ".static11"),
    "nofold17": (17, True, False, ".nofold17"),
}


def graph_only(src, path):
    """Writes the export at src to path with every initializer of 1 KiB or
    more turned into a reference to external data that is never written
    (PATH.data); torch writes one file per tensor next to src for exports
    over protobuf's 2 GiB, which are referenced the same way."""
    import onnx
    from onnx import TensorProto
    m = onnx.load(src, load_external_data=False)
    location = os.path.basename(path) + ".data"
    offset = 0
    for t in m.graph.initializer:
        if t.data_location == TensorProto.EXTERNAL:
            keys = {kv.key: kv.value for kv in t.external_data}
            length = int(keys.get("length", 0))
        elif len(t.raw_data) >= 1024:
            length = len(t.raw_data)
            t.ClearField("raw_data")
            t.data_location = TensorProto.EXTERNAL
        else:
            continue
        del t.external_data[:]
        for key, value in (("location", location), ("offset", offset),
                           ("length", length)):
            entry = t.external_data.add()
            entry.key, entry.value = key, str(value)
        offset += length
    onnx.save_model(m, path)


def export(name, size, form, path, zero_symbolic=True):
    import tempfile
    import torch
    import torchvision
    # Weights are never looked at: skip the (slow) random init.
    for fn in dir(torch.nn.init):
        if fn.endswith("_") and not fn.startswith("_"):
            setattr(torch.nn.init, fn, lambda t, *a, **k: t)
    kwargs = {"weights": None}
    kwargs.update(BUILD_KWARGS.get(name, {}))
    if name in ("googlenet", "inception_v3"):
        kwargs["init_weights"] = False
    model = getattr(torchvision.models, name)(**kwargs).eval()
    opset, symbolic, fold, _ = FORMS[form]
    opset = max(opset, MIN_OPSET.get(name, opset))
    if name in NEEDS_ZERO_SYMBOLIC and zero_symbolic:
        register_zero_symbolic(opset)
    axes = {"input": {0: "N"}, "output": {0: "N"}} if symbolic else None
    # torch 1.13's MultiheadAttention takes a fast path in inference
    # (aten::_native_multi_head_attention) that has no ONNX export. A nonzero
    # dropout keeps it off (eval applies no dropout: the graph is the same);
    # tracing with autograd on would too, but keeps every activation for the
    # backward pass (over 10 GB for vit_h_14 at 518x518).
    for m in model.modules():
        if isinstance(m, torch.nn.MultiheadAttention):
            m.dropout = 1e-9
    with tempfile.TemporaryDirectory(dir=os.path.dirname(path)) as tmp:
        src = os.path.join(tmp, "model.onnx")
        with torch.no_grad():
            torch.onnx.export(model, torch.zeros(1, 3, size, size), src,
                              opset_version=opset, input_names=["input"],
                              output_names=["output"], dynamic_axes=axes,
                              do_constant_folding=fold)
        graph_only(src, path + ".tmp")
    os.replace(path + ".tmp", path)


def check(hcm_opt, name, form, path, gflops):
    dims = ["--dim", "N=1"] if FORMS[form][1] else []
    run = subprocess.run([hcm_opt, path] + dims +
                         ["-p", "default{format=json}"], capture_output=True,
                         text=True)
    name = "%s [%s]" % (name, form)
    if run.returncode != 0:
        return "FAIL %s: exit %d: %s" % (name, run.returncode, run.stderr.strip())
    report = json.loads(run.stdout)
    totals = report["totals"]
    macs = totals["macs"]
    problems = []
    if totals.get("excludes_not_costed") or "not costed" in run.stderr:
        problems.append("nodes not costed: " + run.stderr.strip())
    if round(macs / 1e9, 3) != gflops:
        problems.append("MACs %.3fG != published %.3f" % (macs / 1e9, gflops))
    status = "FAIL" if problems else "ok"
    return "%s %s: %d layers, MACs %d = %.3fG (published %.3f)%s" % (
        status, name, len(report["layers"]), macs, macs / 1e9, gflops,
        "; " + "; ".join(problems) if problems else "")


def first_line(e):
    return "%s: %s" % (type(e).__name__, str(e).splitlines()[0])


def expect_unsupported(name, cache):
    """Exports NAME (n13) as torch alone would; prints its error."""
    import tempfile
    size = dict(PUBLISHED, **LARGE)[name][0]
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        try:
            export(name, size, "n13", os.path.join(tmp, "m.onnx"),
                   zero_symbolic=False)
        except Exception as e:
            print("unsupported %s: %s" % (name, first_line(e)))
            return 0
    print("FAIL %s: torch exports it without help" % name)
    return 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hcm-opt", required=True)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--forms", default=",".join(FORMS))
    ap.add_argument("--set", choices=("default", "large", "all"),
                    default="default")
    ap.add_argument("--expect-unsupported", metavar="NAME",
                    help="export NAME without the aten::zero symbolic and "
                    "print the exporter's error (exit 1 if it exports)")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    try:
        import torch  # noqa: F401
        import torchvision  # noqa: F401
    except ImportError as e:
        print("note: torchvision not available (%s): skipped" % e)
        return 0
    if args.expect_unsupported:
        return expect_unsupported(args.expect_unsupported, args.cache)
    models = {"default": PUBLISHED, "large": LARGE,
              "all": dict(PUBLISHED, **LARGE)}[args.set]
    os.makedirs(args.cache, exist_ok=True)
    failed = runs = 0
    for form in args.forms.split(","):
        for name in args.names or sorted(models):
            size, gflops = dict(PUBLISHED, **LARGE)[name]
            path = os.path.join(args.cache, name + FORMS[form][3] + ".onnx")
            line = None
            if not os.path.exists(path):
                start = time.time()
                try:
                    export(name, size, form, path)
                except Exception as e:  # the exporter's own error, verbatim
                    line = "FAIL %s [%s]: export: %s" % (name, form,
                                                         first_line(e))
                print("export %s [%s]: %.1f s" % (name, form,
                                                  time.time() - start),
                      file=sys.stderr, flush=True)
            if line is None:
                line = check(args.hcm_opt, name, form, path, gflops)
            failed += line.startswith("FAIL")
            runs += 1
            print(line, flush=True)
    print("%d of %d exports failed" % (failed, runs))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
