#!/usr/bin/python3
"""Writes build/bench-models/resnet50.onnx: torchvision ResNet-50, graph-only
(weights as ONNX external data that is then deleted), exported as
models/export_models.py does (opset 13, symbolic batch N). Used by the
README's whole-process hcm-dse timing; nothing is committed.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "models"))
import export_models  # noqa: E402
import torch  # noqa: E402
import torchvision  # noqa: E402

out = os.path.join(HERE, "..", "build", "bench-models")
os.makedirs(out, exist_ok=True)
export_models.HERE = out
torch.manual_seed(0)
path = export_models.export(torchvision.models.resnet50(weights=None),
                            "resnet50", (1, 3, 224, 224))
export_models.externalize(path, "resnet50")
os.remove(os.path.join(out, "resnet50.onnx.data"))
print(path, os.path.getsize(path), "bytes")
