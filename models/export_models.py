#!/usr/bin/python3
"""Exports the models shipped in models/ (run with /usr/bin/python3).

torchvision ResNet-18, MobileNetV2, VGG-16, ShuffleNetV2 x1.0 and GoogLeNet (random init: no pretrained
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


# (filters, stride) per conv layer, valid padding. Seed 000 (section IV,
# Table I) gives 62800 / 174000 / 375600 "conv operations" for 2 / 3 / 4
# layers, i.e. 628 / 1740 / 3756 per image over its 100 test inputs counted
# as output pixels x filters (sum of Ho*Wo*Cout). An exhaustive search over
# filter splits and 1x1/2x2 strides gives exactly one layout for 2 layers
# (3,1) and one for 3 layers (8,3,1). For 4 layers we take the network the
# paper itself shows in Fig. 2 (16, 8, 3 and 1 filters, strides 2x2 and
# 1x1): with strides 2,1,2,1 it gives exactly 3756, it extends the 2- and
# 3-layer layouts (same filter suffix, same alternating strides), but it
# has 28 filters, not the 38 the text states. See README.md.
MNIST = {
    "mnist_cnn2": [(3, 2), (1, 1)],
    "mnist_cnn3": [(8, 2), (3, 1), (1, 2)],
    "mnist_cnn4": [(16, 2), (8, 1), (3, 2), (1, 1)],
}


def export(model, name, shape):
    model.eval()
    path = os.path.join(HERE, name + ".onnx")
    with torch.no_grad():
        torch.onnx.export(model, torch.zeros(*shape), path,
                          opset_version=OPSET,
                          input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "N"}, "output": {0: "N"}},
                          do_constant_folding=True)
    return path


def externalize(path, name):
    """Moves every initializer of >= 1024 bytes to <name>.onnx.data."""
    m = onnx.load(path)
    external_data_helper.convert_model_to_external_data(
        m, all_tensors_to_one_file=True, location=name + ".onnx.data",
        size_threshold=1024)
    # save_model appends to the data file: start from an empty one.
    data = os.path.join(HERE, name + ".onnx.data")
    if os.path.exists(data):
        os.remove(data)
    onnx.save_model(m, path)


TORCHVISION = {
    "resnet18": torchvision.models.resnet18,
    "mobilenet_v2": torchvision.models.mobilenet_v2,
    "vgg16": torchvision.models.vgg16,
    # torch.chunk + channel shuffle: Shape/Gather/Div/Slice/Reshape chains.
    "shufflenet_v2": torchvision.models.shufflenet_v2_x1_0,
    # Inception blocks (Concat of four branches); the auxiliary classifiers
    # are not run in eval mode, so they are not exported.
    "googlenet": torchvision.models.googlenet,
}


def main(argv):
    # Optional arguments: the names of the models to re-export (default all).
    names = argv or list(TORCHVISION) + list(MNIST)
    for name in names:
        if name not in TORCHVISION and name not in MNIST:
            sys.exit("unknown model %r; known: %s"
                     % (name, " ".join(list(TORCHVISION) + list(MNIST))))
    for name in names:
        torch.manual_seed(0)  # every model starts from the same RNG state
        if name in TORCHVISION:
            path = export(TORCHVISION[name](weights=None), name,
                          (1, 3, 224, 224))
            externalize(path, name)
        else:
            path = export(MnistCNN(MNIST[name]), name, (1, 1, 28, 28))
        onnx.checker.check_model(path)  # a path, so external data resolves
        print(name, os.path.getsize(path), "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
