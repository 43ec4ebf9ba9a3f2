#!/usr/bin/python3
"""Writes a model whose If nodes nest DEPTH levels deep to stdout.

make_nested.py onnxtxt DEPTH   textual ONNX
make_nested.py txtpb DEPTH     ModelProto in protobuf text (for %onnx-encode)
"""
import sys


def text(depth):
    body = "y0 = Relu(x)"
    for i in range(1, depth + 1):
        body = ("y%d = If(c) <then_branch = t%d () => (float[1] y%d) { %s }, "
                "else_branch = e%d () => (float[1] z%d) { z%d = Relu(x) }>"
                % (i, i, i - 1, body, i, i, i))
    return ('<ir_version: 8, opset_import: ["" : 13]>\n'
            "g (bool c, float[1] x) => (float[1] y%d) {\n  %s\n}\n"
            % (depth, body))


def proto(depth):
    def value(kind, name):
        return ('%s { name: "%s" type { tensor_type { elem_type: 1 shape { '
                'dim { dim_value: 1 } } } } }' % (kind, name))
    graph = ('node { input: "x" output: "y0" op_type: "Relu" } name: "t0" '
             + value("output", "y0"))
    for i in range(1, depth + 1):
        other = ('node { input: "x" output: "z%d" op_type: "Relu" } '
                 'name: "e%d" %s' % (i, i, value("output", "z%d" % i)))
        graph = ('node { input: "c" output: "y%d" op_type: "If" '
                 'attribute { name: "then_branch" type: GRAPH g { %s } } '
                 'attribute { name: "else_branch" type: GRAPH g { %s } } } '
                 'name: "t%d" %s' % (i, graph, other, i,
                                     value("output", "y%d" % i)))
    graph += (' input { name: "c" type { tensor_type { elem_type: 9 shape {} '
              '} } } ' + value("input", "x"))
    return ('ir_version: 8 opset_import { domain: "" version: 13 } '
            'graph { %s }\n' % graph)


if __name__ == "__main__":
    kind, depth = sys.argv[1], int(sys.argv[2])
    sys.stdout.write(text(depth) if kind == "onnxtxt" else proto(depth))
