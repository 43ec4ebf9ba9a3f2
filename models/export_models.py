#!/usr/bin/python3
"""Exports the models shipped in models/ (run with /usr/bin/python3).

torchvision ResNet-18, MobileNetV2 and VGG-16 (random init: no pretrained
download is possible offline; the analyses need shapes, not trained values)
and the three MNIST CNNs of TF+ORCA (seed 000), all with torch.onnx.export at
opset 13 and a symbolic batch dim N. The torchvision models are saved
graph-only: their weights go to <name>.onnx.data as ONNX external data,
which is not committed. The MNIST CNNs keep their (seeded) weights inline.
"""
import os
import sys

import onnx
import torch
import torch.nn as nn
import torchvision
from onnx import external_data_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = 13


class MnistCNN(nn.Module):
    """3x3 convs with ReLU, then a fully connected layer and softmax."""

    def __init__(self, layers):
        super().__init__()
        convs, cin, hw = [], 1, 28
        for cout, stride in layers:
            # TensorFlow's default "valid" padding.
            convs += [nn.Conv2d(cin, cout, 3, stride=stride, padding=0), nn.ReLU()]
            cin, hw = cout, (hw - 3) // stride + 1
        self.features = nn.Sequential(*convs)
        self.fc = nn.Linear(cin * hw * hw, 10)

    def forward(self, x):
        return torch.softmax(self.fc(torch.flatten(self.features(x), 1)), dim=1)


# (filters, stride) per conv layer. Seed 000 gives 4, 12 and 38 filters in
# all and 62800 / 174000 / 375600 "conv operations" over its 100 test
# inputs; these are the layouts whose sum of Ho*Wo*filters per image (628,
# 1740, 3756) matches exactly with valid padding (unique for 2 and 3 layers;
# for 4 layers, one of 12 matches, chosen to end in one filter like the
# others). See README.md.
MNIST = {
    "mnist_cnn2": [(3, 2), (1, 1)],
    "mnist_cnn3": [(8, 2), (3, 1), (1, 2)],
    "mnist_cnn4": [(20, 2), (5, 2), (12, 1), (1, 1)],
}


def export(model, name, shape):
    torch.manual_seed(0)
    model.eval()
    path = os.path.join(HERE, name + ".onnx")
    torch.onnx.export(model, torch.zeros(*shape), path, opset_version=OPSET,
                      input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "N"}, "output": {0: "N"}},
                      do_constant_folding=True)
    return path


def externalize(path, name):
    m = onnx.load(path)
    external_data_helper.convert_model_to_external_data(
        m, all_tensors_to_one_file=True, location=name + ".onnx.data",
        size_threshold=1024)
    data = os.path.join(HERE, name + ".onnx.data")
    if os.path.exists(data):
        os.remove(data)
    onnx.save_model(m, path)


def main():
    torch.manual_seed(0)
    for name, ctor in (("resnet18", torchvision.models.resnet18),
                       ("mobilenet_v2", torchvision.models.mobilenet_v2),
                       ("vgg16", torchvision.models.vgg16)):
        torch.manual_seed(0)
        path = export(ctor(weights=None), name, (1, 3, 224, 224))
        externalize(path, name)
        onnx.checker.check_model(path)
        print(name, os.path.getsize(path), "bytes")
    for name, layers in MNIST.items():
        torch.manual_seed(0)
        path = export(MnistCNN(layers), name, (1, 1, 28, 28))
        onnx.checker.check_model(path)
        print(name, os.path.getsize(path), "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
