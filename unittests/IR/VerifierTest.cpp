//===- VerifierTest.cpp - IR invariants -----------------------------------===//
//
// One test per verifier rule: scopes (use-before-def, out-of-scope and
// dangling values), unique names, node names, dims, initializer data, and
// the Conv/Gemm/MatMul/broadcast/element-type rules. Modules are parsed from
// text and then edited with the Graph API where text cannot express the
// mistake; "imported" modules have no text positions, like ONNX input.
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Verifier.h"
#include "hcm/IR/Graph.h"
#include "hcm/IR/Parser.h"
#include "hcm/IR/Printer.h"

#include "gtest/gtest.h"

using namespace hcm;

namespace {

std::string errorText(llvm::Error E) { return llvm::toString(std::move(E)); }

std::string wrap(llvm::StringRef Inputs, llvm::StringRef Body) {
  return "module {} opsets {\"\" = 13} {\n  graph @g(" + Inputs.str() +
         ") {\n" + Body.str() + "  }\n}\n";
}

/// Parses graph @g(\p Inputs) { \p Body } from "v.hcm".
std::unique_ptr<Module> parse(llvm::StringRef Inputs, llvm::StringRef Body) {
  auto M = parseModule(wrap(Inputs, Body), "v.hcm");
  if (!M) {
    ADD_FAILURE() << errorText(M.takeError());
    return std::make_unique<Module>();
  }
  return std::move(*M);
}

void clearLocs(Graph &G) {
  G.setLoc({});
  for (Value *V : G.getInputs())
    V->setLoc({});
  for (Value *V : G.getInitializers())
    V->setLoc({});
  for (const auto &N : G.getNodes()) {
    N->setLoc({});
    for (Value *R : N->getResults())
      if (R)
        R->setLoc({});
    for (Graph *Sub : N->getSubgraphs())
      clearLocs(*Sub);
  }
}

/// The same, made to look imported from "model.onnx" (no text positions).
std::unique_ptr<Module> imported(llvm::StringRef Inputs, llvm::StringRef Body) {
  auto M = parse(Inputs, Body);
  M->setSourcePath("model.onnx");
  clearLocs(M->getGraph());
  return M;
}

/// The verifier's message for \p M ("" when it verifies).
std::string verify(const Module &M) { return errorText(verifyModule(M)); }

/// One node `%y = Op(operands) attrs : ? loc("n")` over \p Inputs, imported.
std::string checkOp(llvm::StringRef Inputs, llvm::StringRef Op,
                    llvm::StringRef Operands, llvm::StringRef Attrs = "") {
  std::string Body = "    %y = " + Op.str() + "(" + Operands.str() + ") " +
                     Attrs.str() + (Attrs.empty() ? "" : " ") +
                     ": ? loc(\"n\")\n    return %y\n";
  return verify(*imported(Inputs, Body));
}

const char *IfModule =
    "    %r = If(%c) {else_branch = graph @else() {\n" // line 3
    "        %e = Neg(%x) : f32[2] loc(\"neg\")\n"     // line 4
    "        return %e\n"                              // line 5
    "      }, then_branch = graph @then() {\n"         // line 6
    "        %t = Abs(%x) : f32[2] loc(\"abs\")\n"     // line 7
    "        return %t\n"                              // line 8
    "      }} : f32[2] loc(\"if\")\n"                  // line 9
    "    %after = Relu(%r) : f32[2] loc(\"after\")\n"  // line 10
    "    return %after\n";                             // line 11

//===----------------------------------------------------------------------===//
// Scopes and names
//===----------------------------------------------------------------------===//

TEST(VerifierScopes, ConsistentModulesPass) {
  EXPECT_EQ(verify(*parse("%x: f32[2], %c: bool[]", IfModule)), "");
  // An input with constant data is one value, not a duplicate.
  EXPECT_EQ(verify(*parse("%x: f32[2]", "    %x = init dense<f32[2], [1.0, "
                                        "2.0]>\n    return %x\n")),
            "");
  // Omitted operands and results are fine.
  EXPECT_EQ(verify(*parse("%x: f32[2]", "    %a, _ = Split(%x, _) : (f32[1], "
                                        "_) loc(\"s\")\n    return %a\n")),
            "");
}

TEST(VerifierScopes, UseBeforeDefinition) {
  auto M = imported("%x: f32[2]", "    %y = Relu(%x) : f32[2] loc(\"relu\")\n"
                                  "    return %y\n");
  Graph &G = M->getGraph();
  Node *Early = G.insertNodeBefore(G.getNodes()[0].get(), "", "Neg", "early");
  Early->addOperand(G.lookup("y"));
  G.addResult(Early, "z", G.lookup("x")->getType());
  EXPECT_EQ(verify(*M), "model.onnx: node 'early' (Neg, opset 13): error: "
                        "operand 'y' is used before its definition");
}

TEST(VerifierScopes, SubgraphUsesOuterValueDefinedLater) {
  auto M = parse("%x: f32[2], %c: bool[]", IfModule);
  Graph &G = M->getGraph();
  Graph *Then = G.getNodes()[0]->getAttr("then_branch")->getGraph().get();
  Then->getNodes()[0]->setOperand(0, G.lookup("after"));
  EXPECT_EQ(verify(*M), "v.hcm:7:9: error: node 'abs' (Abs): operand 'after' "
                        "is used before its definition");
}

TEST(VerifierScopes, SiblingAndInnerValuesAreOutOfScope) {
  auto M = parse("%x: f32[2], %c: bool[]", IfModule);
  Graph &G = M->getGraph();
  Graph *Else = G.getNodes()[0]->getAttr("else_branch")->getGraph().get();
  Graph *Then = G.getNodes()[0]->getAttr("then_branch")->getGraph().get();
  // else_branch (verified first) reads a value of then_branch...
  Else->getNodes()[0]->setOperand(0, Then->lookup("t"));
  EXPECT_EQ(verify(*M), "v.hcm:4:9: error: node 'neg' (Neg): operand 't' is "
                        "not in scope (it is defined in graph 'then')");
  // ...and then_branch one of else_branch, already out of scope.
  Else->getNodes()[0]->setOperand(0, G.lookup("x"));
  Then->getNodes()[0]->setOperand(0, Else->lookup("e"));
  EXPECT_EQ(verify(*M), "v.hcm:7:9: error: node 'abs' (Abs): operand 'e' is "
                        "not in scope (it is defined in graph 'else')");
  // The outer graph cannot see into a subgraph either.
  Then->getNodes()[0]->setOperand(0, G.lookup("x"));
  G.getNodes()[1]->setOperand(0, Then->lookup("t"));
  EXPECT_EQ(verify(*M), "v.hcm:10:5: error: node 'after' (Relu): operand 't' "
                        "is not in scope (it is defined in graph 'then')");
}

TEST(VerifierScopes, DanglingOperandsAndOutputs) {
  auto Other = parse("%foreign: f32[2]", "    return %foreign\n");
  auto M = parse("%x: f32[2]", "    %y = Relu(%x) : f32[2] loc(\"relu\")\n"
                               "    return %y\n");
  Graph &G = M->getGraph();
  Value *Foreign = Other->getGraph().lookup("foreign");
  G.getNodes()[0]->setOperand(0, Foreign);
  EXPECT_EQ(verify(*M),
            "v.hcm:3:5: error: node 'relu' (Relu): operand 0 is a dangling "
            "value, not owned by this graph or an enclosing graph");
  G.getNodes()[0]->setOperand(0, G.lookup("x"));
  G.addOutput(Foreign);
  EXPECT_EQ(verify(*M),
            "v.hcm:2:3: error: graph 'g': output 1 is a dangling value, not "
            "owned by this graph or an enclosing graph");
  G.setOutputs({G.lookup("y"), nullptr});
  EXPECT_EQ(verify(*M), "v.hcm:2:3: error: graph 'g': output 1 is empty");
}

TEST(VerifierScopes, DuplicateNamesAcrossTheNest) {
  auto M = imported("%x: f32[2], %c: bool[]", IfModule);
  Graph &G = M->getGraph();
  Node *N = G.addNode("", "Relu", "late");
  N->addOperand(G.lookup("x"));
  G.addResult(N, "t", G.lookup("x")->getType());
  EXPECT_EQ(verify(*M), "model.onnx: error: duplicate value name 't' in "
                        "graph 'g' (also defined in graph 'then')");

  auto Flat = imported("%x: f32[2]", "    return %x\n");
  Type T = Type::tensor(ElementType::f32(), Shape{Dim::known(1)});
  std::string Bytes(4, '\0');
  Flat->getGraph().addInitializer("w", Tensor::inlineBytes(T, Bytes));
  Flat->getGraph().addInitializer("w", Tensor::inlineBytes(T, Bytes));
  EXPECT_EQ(verify(*Flat), "model.onnx: error: duplicate value name 'w' in "
                           "graph 'g' (also defined in graph 'g')");
}

TEST(VerifierScopes, NodesNeedNames) {
  EXPECT_EQ(verify(*parse("%x: f32[2]", "    %y = Relu(%x) : f32[2] loc(\"\")\n"
                                        "    return %y\n")),
            "v.hcm:3:5: error: node '' (Relu): node has no name");
}

TEST(VerifierScopes, ResultsAndSubgraphsMustBeLinkedBack) {
  auto M = parse("%x: f32[2], %c: bool[]", IfModule);
  Graph &G = M->getGraph();
  Node *If = G.getNodes()[0].get();
  Graph *Then = If->getAttr("then_branch")->getGraph().get();
  Then->setParentNode(G.getNodes()[1].get());
  EXPECT_EQ(verify(*M), "v.hcm:3:5: error: node 'if' (If): subgraph 'then' "
                        "does not record this node as its parent");
  Then->setParentNode(If);
  // One Graph object held by two attributes.
  If->setAttr("again", If->getAttr("then_branch")->getGraph());
  EXPECT_EQ(verify(*M),
            "v.hcm:6:24: error: graph 'then' appears more than once in the "
            "nest");
  If->removeAttr("again");
  // A result created by another graph for this node.
  Then->addResult(If, "stray", G.lookup("x")->getType());
  EXPECT_EQ(verify(*M), "v.hcm:3:5: error: node 'if' (If): result 'stray' "
                        "does not belong to this node");
}

//===----------------------------------------------------------------------===//
// Dims and data
//===----------------------------------------------------------------------===//

TEST(VerifierData, KnownDimsAreNonNegative) {
  auto M = imported("%x: f32[2]", "    return %x\n");
  M->getGraph().lookup("x")->setType(
      Type::tensor(ElementType::f32(), Shape{Dim::known(2), Dim::known(-5)}));
  EXPECT_EQ(verify(*M), "model.onnx: error: value 'x' has a negative dim -5");
  M->getGraph().lookup("x")->setType(
      Type::container(Type::Kind::Sequence,
                      Type::tensor(ElementType::f32(), Shape{Dim::known(-3)})));
  EXPECT_EQ(verify(*M), "model.onnx: error: value 'x' has a negative dim -3");
}

TEST(VerifierData, InlineDataMatchesItsType) {
  auto M = imported("", "    return\n");
  Graph &G = M->getGraph();
  Type F4 = Type::tensor(ElementType::f32(), Shape{Dim::known(4)});
  G.addInitializer("w", Tensor::inlineBytes(F4, std::string(12, '\0')));
  EXPECT_EQ(verify(*M), "model.onnx: error: initializer 'w' of type f32[4] "
                        "holds 12 bytes, expected 16");

  auto S = imported("", "    return\n");
  Type Str2 = Type::tensor(ElementType::string(), Shape{Dim::known(2)});
  S->getGraph().addInitializer("s", Tensor::inlineStrings(Str2, {"a"}));
  EXPECT_EQ(verify(*S), "model.onnx: error: initializer 's' of type str[2] "
                        "holds 1 strings, expected 2");

  auto D = imported("", "    return\n");
  Type Dyn = Type::tensor(ElementType::f32(), Shape{Dim::symbol("N")});
  D->getGraph().addInitializer("d", Tensor::inlineBytes(Dyn, "abcd"));
  EXPECT_EQ(verify(*D), "model.onnx: error: initializer 'd' has inline data "
                        "but its type f32[N] has no static shape");

  // Sub-byte types are not checked; elided and external data are not read.
  auto Ok = parse("", "    %q = init dense<i4[3], 0x21F3>\n"
                      "    %e = init dense<f32[9], elided>\n"
                      "    %x = init dense<f32[9], external(\"nowhere.bin\", "
                      "offset = 0)>\n    return\n");
  EXPECT_EQ(verify(*Ok), "");
}

TEST(VerifierData, InitializerTypeMatchesItsData) {
  auto M = parse("", "    %w = init dense<f32[2], [1.0, 2.0]>\n    return\n");
  M->getGraph().lookup("w")->setType(
      Type::tensor(ElementType::f32(), Shape{Dim::known(3)}));
  EXPECT_EQ(verify(*M), "v.hcm:3:5: error: initializer 'w' has type f32[3] "
                        "but data of type f32[2]");
}

TEST(VerifierData, TensorAttributesToo) {
  auto M = parse("", "    %k = Constant() {value = dense<f32[2], [1.0, 2.0]>} "
                     ": f32[2] loc(\"const\")\n    return %k\n");
  Type F2 = Type::tensor(ElementType::f32(), Shape{Dim::known(2)});
  Node &N = *M->getGraph().getNodes()[0];
  N.setAttr("value", Tensor::inlineBytes(F2, "abcd"));
  EXPECT_EQ(verify(*M), "v.hcm:3:5: error: node 'const' (Constant): attribute "
                        "'value' of type f32[2] holds 4 bytes, expected 8");
  N.setAttr("value", std::vector<Tensor>{Tensor::inlineBytes(F2, "abcd")});
  EXPECT_EQ(verify(*M), "v.hcm:3:5: error: node 'const' (Constant): attribute "
                        "'value' of type f32[2] holds 4 bytes, expected 8");
}

//===----------------------------------------------------------------------===//
// Op rules
//===----------------------------------------------------------------------===//

TEST(VerifierOps, ConvChannels) {
  EXPECT_EQ(checkOp("%x: f32[1,3,8,8], %w: f32[4,4,3,3]", "Conv", "%x, %w",
                    "{group = 1}"),
            "model.onnx: node 'n' (Conv, opset 13): error: input channels 3 "
            "do not match weight channels 4 x group 1");
  EXPECT_EQ(checkOp("%x: f32[1,6,8,8], %w: f32[4,3,3,3]", "Conv", "%x, %w",
                    "{group = 2}"),
            "");
  EXPECT_EQ(checkOp("%x: f32[1,6,8,8], %w: f32[4,2,3,3]", "Conv", "%x, %w",
                    "{group = 2}"),
            "model.onnx: node 'n' (Conv, opset 13): error: input channels 6 "
            "do not match weight channels 2 x group 2");
  EXPECT_EQ(checkOp("%x: f32[1,6,8,8], %w: f32[5,3,3,3]", "Conv", "%x, %w",
                    "{group = 2}"),
            "model.onnx: node 'n' (Conv, opset 13): error: output channels 5 "
            "are not divisible by group 2");
  EXPECT_EQ(checkOp("%x: f32[1,3,8,8], %w: f32[4,3,3]", "Conv", "%x, %w"),
            "model.onnx: node 'n' (Conv, opset 13): error: input rank 4 "
            "differs from weight rank 3");
  EXPECT_EQ(checkOp("%x: f32[1,3,8,8], %w: f32[4,3,3,3]", "Conv", "%x, %w",
                    "{group = 0}"),
            "model.onnx: node 'n' (Conv, opset 13): error: group 0 is not "
            "positive");
  // Unknown channels, unranked operands: nothing to check.
  EXPECT_EQ(checkOp("%x: f32[N,C,8,8], %w: f32[4,3,3,3]", "Conv", "%x, %w"),
            "");
  EXPECT_EQ(checkOp("%x: f32, %w: f32[4,3,3,3]", "Conv", "%x, %w"), "");
  // ConvTranspose weights are [C, M/group, k...].
  EXPECT_EQ(checkOp("%x: f32[1,4,8,8], %w: f32[4,2,3,3]", "ConvTranspose",
                    "%x, %w", "{group = 2}"),
            "");
  EXPECT_EQ(
      checkOp("%x: f32[1,3,8,8], %w: f32[4,2,3,3]", "ConvTranspose", "%x, %w"),
      "model.onnx: node 'n' (ConvTranspose, opset 13): error: input "
      "channels 3 do not match weight channels 4 x group 1");
}

TEST(VerifierOps, ConvErrorsInTextPointAtTheNode) {
  auto M = parse("%x: f32[1,3,8,8], %w: f32[4,5,3,3]",
                 "    %y = Conv(%x, %w) {group = 1} : f32[1,4,6,6] "
                 "loc(\"conv1\")\n    return %y\n");
  EXPECT_EQ(verify(*M), "v.hcm:3:5: error: node 'conv1' (Conv): input "
                        "channels 3 do not match weight channels 5 x group 1");
}

TEST(VerifierOps, GemmInnerDims) {
  const char *AB = "%a: f32[2,3], %b: f32[3,4]";
  EXPECT_EQ(checkOp(AB, "Gemm", "%a, %b"), "");
  EXPECT_EQ(
      checkOp("%a: f32[3,2], %b: f32[3,4]", "Gemm", "%a, %b", "{transA = 1}"),
      "");
  EXPECT_EQ(
      checkOp("%a: f32[2,3], %b: f32[4,3]", "Gemm", "%a, %b", "{transB = 1}"),
      "");
  EXPECT_EQ(checkOp(AB, "Gemm", "%a, %b", "{transB = 1}"),
            "model.onnx: node 'n' (Gemm, opset 13): error: inner dimensions "
            "3 and 4 do not match (f32[2,3] x f32[3,4])");
  EXPECT_EQ(checkOp(AB, "Gemm", "%a, %b", "{transA = 1}"),
            "model.onnx: node 'n' (Gemm, opset 13): error: inner dimensions "
            "2 and 3 do not match (f32[2,3] x f32[3,4])");
  EXPECT_EQ(checkOp("%a: f32[N,K], %b: f32[K,M]", "Gemm", "%a, %b"), "");
  EXPECT_EQ(checkOp("%a: f32[2,2,3], %b: f32[3,4]", "Gemm", "%a, %b"),
            "model.onnx: node 'n' (Gemm, opset 13): error: Gemm operands "
            "f32[2,2,3] and f32[3,4] must be matrices");
  EXPECT_EQ(
      checkOp("%a: f32[2,3], %b: f32[3,4], %c: f64[4]", "Gemm", "%a, %b, %c"),
      "model.onnx: node 'n' (Gemm, opset 13): error: operand element "
      "types f32 and f64 differ");
}

TEST(VerifierOps, MatMulFollowsNumpy) {
  auto MatMul = [](llvm::StringRef A, llvm::StringRef B) {
    return checkOp("%a: " + A.str() + ", %b: " + B.str(), "MatMul", "%a, %b");
  };
  EXPECT_EQ(MatMul("f32[2,3]", "f32[3,4]"), "");
  EXPECT_EQ(MatMul("f32[3]", "f32[3,4]"), "");
  EXPECT_EQ(MatMul("f32[2,3]", "f32[3]"), "");
  EXPECT_EQ(MatMul("f32[3]", "f32[3]"), "");
  EXPECT_EQ(MatMul("f32[2,1,3,4]", "f32[5,4,6]"), "");
  EXPECT_EQ(MatMul("f32[B,3,4]", "f32[B,4,6]"), "");
  EXPECT_EQ(MatMul("f32[2,3]", "f32[4]"),
            "model.onnx: node 'n' (MatMul, opset 13): error: inner "
            "dimensions 3 and 4 do not match (f32[2,3] x f32[4])");
  EXPECT_EQ(MatMul("f32[7,2,3]", "f32[7,4,5]"),
            "model.onnx: node 'n' (MatMul, opset 13): error: inner "
            "dimensions 3 and 4 do not match (f32[7,2,3] x f32[7,4,5])");
  EXPECT_EQ(MatMul("f32[2,3,4]", "f32[3,4,5]"),
            "model.onnx: node 'n' (MatMul, opset 13): error: batch "
            "dimensions of f32[2,3,4] and f32[3,4,5] do not broadcast");
  EXPECT_EQ(MatMul("f32[]", "f32[3]"),
            "model.onnx: node 'n' (MatMul, opset 13): error: MatMul operands "
            "f32[] and f32[3] must have rank >= 1");
  EXPECT_EQ(MatMul("i8[2,3]", "f32[3,4]"),
            "model.onnx: node 'n' (MatMul, opset 13): error: operand element "
            "types i8 and f32 differ");
}

TEST(VerifierOps, ElementwiseBroadcasting) {
  struct Case {
    const char *A, *B;
    bool Ok;
  };
  const Case Cases[] = {
      {"f32[2,3]", "f32[3]", true},     {"f32[2,3]", "f32[4]", false},
      {"f32[N,3]", "f32[N,3]", true},   {"f32[N,3]", "f32[M,3]", false},
      {"f32[N,3]", "f32[1,3]", true},   {"f32[?,3]", "f32[5,3]", true},
      {"f32[N]", "f32[3]", false},      {"f32[N]", "f32[1]", true},
      {"f32[]", "f32[2,3]", true},      {"f32", "f32[2]", true},
      {"f32[4,1,3]", "f32[5,1]", true}, {"?[2]", "i64[3]", false},
  };
  for (const char *Op : {"Add", "Sub", "Mul", "Div"}) {
    for (const Case &C : Cases) {
      std::string Msg =
          checkOp("%a: " + std::string(C.A) + ", %b: " + C.B, Op, "%a, %b");
      std::string Want = C.Ok ? ""
                              : "model.onnx: node 'n' (" + std::string(Op) +
                                    ", opset 13): error: shapes " + C.A +
                                    " and " + C.B + " do not broadcast";
      EXPECT_EQ(Msg, Want) << Op << " " << C.A << " " << C.B;
    }
  }
  EXPECT_EQ(checkOp("%a: f32[2], %b: i64[2]", "Add", "%a, %b"),
            "model.onnx: node 'n' (Add, opset 13): error: operand element "
            "types f32 and i64 differ");
  EXPECT_EQ(checkOp("%a: f32, %b: f16", "Mul", "%a, %b"),
            "model.onnx: node 'n' (Mul, opset 13): error: operand element "
            "types f32 and f16 differ");
  // Other domains are not checked.
  EXPECT_EQ(checkOp("%a: f32[2], %b: i64[3]", "acme::Add", "%a, %b"), "");
}

TEST(VerifierOps, UnaryOpsKeepTheElementType) {
  auto Unary = [](llvm::StringRef Op, llvm::StringRef In, llvm::StringRef Out) {
    return verify(*imported("%x: " + In.str(),
                            "    %y = " + Op.str() + "(%x) : " + Out.str() +
                                " loc(\"u\")\n    return %y\n"));
  };
  EXPECT_EQ(Unary("Relu", "f32[2]", "f32[2]"), "");
  EXPECT_EQ(Unary("Sigmoid", "f32[2]", "?"), "");
  EXPECT_EQ(Unary("Identity", "seq<f32>", "seq<f32>"), "");
  EXPECT_EQ(Unary("Relu", "f32[2]", "f16[2]"),
            "model.onnx: node 'u' (Relu, opset 13): error: result element "
            "type f16 differs from operand element type f32");
  EXPECT_EQ(Unary("Identity", "i64", "i32"),
            "model.onnx: node 'u' (Identity, opset 13): error: result element "
            "type i32 differs from operand element type i64");
}

TEST(VerifierOps, SubgraphsAreVerified) {
  auto M = parse("%x: f32[2], %c: bool[]",
                 "    %r = If(%c) {then_branch = graph @then() {\n"
                 "        %t = Add(%x, %x) : f32[2] loc(\"ok\")\n"
                 "        %u = Loop(_, %c) {body = graph @body() {\n"
                 "            %bad = Mul(%t, %c) : f32[2] loc(\"deep\")\n"
                 "            return %bad\n"
                 "          }} : f32[2] loc(\"loop\")\n"
                 "        return %u\n"
                 "      }} : f32[2] loc(\"if\")\n"
                 "    return %r\n");
  EXPECT_EQ(verify(*M), "v.hcm:6:13: error: node 'deep' (Mul): operand "
                        "element types f32 and bool differ");
}

} // namespace
