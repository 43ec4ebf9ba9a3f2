#!/usr/bin/python3
"""Exports every torchvision classifier family and checks hcm-opt -O on each.

Run by test/Models/torchvision.test (REQUIRES: torchvision), with
/usr/bin/python3 (Debian's python3-torch / python3-torchvision):

    torchvision_all.py --hcm-opt build/bin/hcm-opt --cache DIR
                       [--forms n13,static11,nofold17] [NAME ...]

Each model is exported in three forms, graph-only (weights neither
initialized nor kept, since hcm needs dims only), once into DIR and reused
on later runs, so the suite pays the export (a few minutes) only the first
time:

  n13       opset 13, input [N,3,S,S] with a symbolic batch N, constant
            folding (models/export_models.py's form; file NAME.onnx)
  static11  opset 11, a static batch of 1, constant folding
            (NAME.static11.onnx; MaxViT at opset 12, the first with Einsum)
  nofold17  opset 17, symbolic N, no constant folding: BatchNormalization
            nodes and every shape computation are left to hcm's canonicalize
            (NAME.nofold17.onnx)

For every model and form `hcm-opt [--dim N=1] -p 'default{format=json}'`
must exit 0 with no node left not costed, and its MACs rounded to two
decimals in G must equal torchvision's published GFLOPS (which count
multiply-accumulates: docs/REPORT.md, "MACs, op by op"). Without
torch/torchvision it prints a note and exits 0.
"""
import argparse
import json
import os
import subprocess
import sys

# name: (input size, published GFLOPS = GMACs, torchvision model docs).
PUBLISHED = {
    "alexnet": (224, 0.71),
    "vgg16": (224, 15.47),
    "resnet18": (224, 1.81),
    "resnet50": (224, 4.09),
    "squeezenet1_0": (224, 0.82),
    "densenet121": (224, 2.83),
    "inception_v3": (299, 5.71),
    "googlenet": (224, 1.50),
    "shufflenet_v2_x1_0": (224, 0.14),
    "mobilenet_v2": (224, 0.30),
    "mobilenet_v3_large": (224, 0.22),
    "resnext50_32x4d": (224, 4.23),
    "wide_resnet50_2": (224, 11.40),
    "mnasnet1_0": (224, 0.31),
    # Families torchvision added later (torchvision 0.14 builds them all).
    "efficientnet_b0": (224, 0.39),
    "regnet_y_400mf": (224, 0.40),
    "convnext_tiny": (224, 4.46),
    "swin_t": (224, 4.49),
    "maxvit_t": (224, 5.56),
    "vit_b_16": (224, 17.56),
}

# Models an opset cannot express: torch.einsum (MaxViT) exports from
# opset 12 on, so its static11 form is at opset 12.
MIN_OPSET = {"maxvit_t": 12}

# form: (opset, symbolic batch, constant folding, file suffix).
FORMS = {
    "n13": (13, True, True, ""),
    "static11": (11, False, True, ".static11"),
    "nofold17": (17, True, False, ".nofold17"),
}


def export(name, size, form, path):
    import torch
    import torchvision
    # Weights are never looked at: skip the (slow) random init.
    for fn in dir(torch.nn.init):
        if fn.endswith("_") and not fn.startswith("_"):
            setattr(torch.nn.init, fn, lambda t, *a, **k: t)
    kwargs = {"weights": None}
    if name in ("googlenet", "inception_v3"):
        kwargs["init_weights"] = False
    model = getattr(torchvision.models, name)(**kwargs).eval()
    opset, symbolic, fold, _ = FORMS[form]
    opset = max(opset, MIN_OPSET.get(name, opset))
    tmp = path + ".tmp"
    axes = {"input": {0: "N"}, "output": {0: "N"}} if symbolic else None
    # torch 1.13's MultiheadAttention takes a fast path without autograd
    # (aten::_native_multi_head_attention) that has no ONNX export: ViT is
    # traced with autograd on.
    grad = torch.enable_grad() if name.startswith("vit") else torch.no_grad()
    with grad:
        torch.onnx.export(model, torch.zeros(1, 3, size, size), tmp,
                          opset_version=opset, input_names=["input"],
                          output_names=["output"], dynamic_axes=axes,
                          do_constant_folding=fold)
    import onnx
    from onnx import external_data_helper
    m = onnx.load(tmp)
    external_data_helper.convert_model_to_external_data(
        m, all_tensors_to_one_file=True, location=os.path.basename(path) + ".data",
        size_threshold=1024)
    onnx.save_model(m, path)
    os.remove(tmp)
    os.remove(path + ".data")  # graph only


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
    if round(macs / 1e9, 2) != round(gflops, 2):
        problems.append("MACs %.2fG != published %.2f" % (macs / 1e9, gflops))
    status = "FAIL" if problems else "ok"
    return "%s %s: %d layers, MACs %d = %.2fG (published %.2f)%s" % (
        status, name, len(report["layers"]), macs, macs / 1e9, gflops,
        "; " + "; ".join(problems) if problems else "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hcm-opt", required=True)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--forms", default=",".join(FORMS))
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    try:
        import torch  # noqa: F401
        import torchvision  # noqa: F401
    except ImportError as e:
        print("note: torchvision not available (%s): skipped" % e)
        return 0
    os.makedirs(args.cache, exist_ok=True)
    failed = runs = 0
    for form in args.forms.split(","):
        for name in args.names or sorted(PUBLISHED):
            size, gflops = PUBLISHED[name]
            path = os.path.join(args.cache, name + FORMS[form][3] + ".onnx")
            if not os.path.exists(path):
                export(name, size, form, path)
            line = check(args.hcm_opt, name, form, path, gflops)
            failed += line.startswith("FAIL")
            runs += 1
            print(line, flush=True)
    print("%d of %d exports failed" % (failed, runs))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
