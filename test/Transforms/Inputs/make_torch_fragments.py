#!/usr/bin/python3
"""Writes the torch-exported fixtures of test/Transforms (run with /usr/bin/python3).

torch-flatten-dyn.onnx     conv 3->4 then x.view(x.size(0), -1) and a Linear, batch
                           dynamic: the Shape -> Gather -> Unsqueeze -> Concat ->
                           Reshape chain stays in the export (folds only with --dim)
torch-flatten-static.onnx  the same, static batch 1, exported without torch's
                           constant folding so the chain is still there
resnet18-block.onnx        torchvision resnet18 stem + layer1[0] (conv1, bn1, relu,
                           maxpool, one basic block), BatchNormalization kept, 1x3x64x64

Deterministic: fixed seeds, eval mode. Needs torch and torchvision.
"""
import os

import onnx
import torch
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))


class FlattenNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 4, 3, padding=1)
        self.fc = torch.nn.Linear(4 * 4 * 4, 2)

    def forward(self, x):
        x = self.conv(x)
        x = x.view(x.size(0), -1)
        return self.fc(x)


class ResNetBlock(torch.nn.Module):
    def __init__(self):
        super().__init__()
        r = torchvision.models.resnet18()
        self.conv1, self.bn1, self.relu = r.conv1, r.bn1, r.relu
        self.maxpool, self.block = r.maxpool, r.layer1[0]

    def forward(self, x):
        return self.block(self.maxpool(self.relu(self.bn1(self.conv1(x)))))


def randomize_bn(model):
    """Gives every BatchNorm non-trivial statistics, so folding changes numbers."""
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            with torch.no_grad():
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 1.5)


def export(model, x, name, **kw):
    path = os.path.join(HERE, name)
    torch.onnx.export(model, x, path, opset_version=13, input_names=["input"],
                      output_names=["output"], **kw)
    ops = sorted({n.op_type for n in onnx.load(path).graph.node})
    print(name, os.path.getsize(path), "bytes:", " ".join(ops))


def main():
    torch.manual_seed(0)
    net = FlattenNet().eval()
    x = torch.randn(1, 3, 4, 4)
    export(net, x, "torch-flatten-dyn.onnx",
           dynamic_axes={"input": {0: "N"}, "output": {0: "N"}})
    export(net, x, "torch-flatten-static.onnx", do_constant_folding=False)

    torch.manual_seed(0)
    block = ResNetBlock()
    randomize_bn(block)
    block.eval()
    export(block, torch.randn(1, 3, 64, 64), "resnet18-block.onnx",
           training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)


if __name__ == "__main__":
    main()
