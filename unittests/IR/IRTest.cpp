//===- IRTest.cpp - Types, tensors, graphs, printer/parser, verifier ------===//
#include "hcm/IR/Graph.h"
#include "hcm/IR/Parser.h"
#include "hcm/IR/Printer.h"
#include "hcm/IR/Verifier.h"

#include "gtest/gtest.h"

#include <cstring>

using namespace hcm;

namespace {

std::string errorText(llvm::Error E) { return llvm::toString(std::move(E)); }

TEST(ElementType, TextFormsRoundTrip) {
  for (const char *S : {"f16", "bf16", "f32", "f64", "i1", "i4", "u8", "i64",
                        "u64", "bool", "str", "c64", "c128", "?"}) {
    auto E = ElementType::parse(S);
    ASSERT_TRUE(E.has_value()) << S;
    EXPECT_EQ(E->str(), S);
  }
  for (const char *Bad : {"i0", "i65", "u", "f8", "int8", "i08", ""})
    EXPECT_FALSE(ElementType::parse(Bad).has_value()) << Bad;
  EXPECT_EQ(ElementType::integer(4, true).getByteSize(), 0u);
  EXPECT_EQ(ElementType::integer(16, false).getByteSize(), 2u);
}

TEST(Type, PrintsShapesAndContainers) {
  Type T = Type::tensor(ElementType::f32(),
                        Shape{Dim::symbol("N"), Dim::known(3), Dim::unknown(),
                              Dim::symbol("batch size")});
  EXPECT_EQ(T.str(), "f32[N,3,?,\"batch size\"]");
  EXPECT_FALSE(T.hasStaticShape());
  EXPECT_EQ(Type::tensor(ElementType::f32(), Shape{}).str(), "f32[]");
  EXPECT_EQ(Type::tensor(ElementType::f32()).str(), "f32");
  EXPECT_EQ(Type::map(ElementType::integer(64, true),
                      Type::container(Type::Kind::Sequence,
                                      Type::tensor(ElementType::f32())))
                .str(),
            "map<i64,seq<f32>>");
  Type S =
      Type::tensor(ElementType::f32(), Shape{Dim::known(2), Dim::known(5)});
  EXPECT_EQ(S.getNumElements(), std::optional<int64_t>(10));
}

TEST(Dim, SymbolsAreInternedAndCompareByName) {
  std::string Name = "batch";
  Dim A = Dim::symbol(Name), B = Dim::symbol("batch");
  Name = "other"; // the dim keeps its own copy
  EXPECT_EQ(A, B);
  EXPECT_EQ(A.getSymbol(), "batch");
  EXPECT_NE(A, Dim::symbol("batch2"));
  EXPECT_NE(A, Dim::unknown());
  EXPECT_TRUE(A.isSymbol() && !A.isKnown() && !A.isUnknown());
  // The empty name is no symbol; known and unknown dims have no name.
  EXPECT_TRUE(Dim::symbol("").isUnknown());
  EXPECT_EQ(Dim::symbol(""), Dim::unknown());
  EXPECT_EQ(Dim::known(3).getSymbol(), "");
  EXPECT_NE(Dim::known(3), Dim::known(4));
  EXPECT_EQ(sizeof(Dim), 16u);
}

TEST(Tensor, DecodesInlineData) {
  int64_t Vals[] = {2, -1, 7};
  std::string Bytes(reinterpret_cast<const char *>(Vals), sizeof(Vals));
  Tensor T = Tensor::inlineBytes(
      Type::tensor(ElementType::integer(64, true), Shape{Dim::known(3)}),
      Bytes);
  EXPECT_EQ(T.getInts(), std::optional<std::vector<int64_t>>({2, -1, 7}));
  uint16_t Half = 0x3C00; // 1.0 in IEEE half
  Tensor H = Tensor::inlineBytes(
      Type::tensor(ElementType::f16(), Shape{Dim::known(1)}),
      std::string(reinterpret_cast<const char *>(&Half), 2));
  EXPECT_EQ(H.getDouble(0), 1.0);
  Tensor E = Tensor::elided(T.getType());
  EXPECT_TRUE(errorText(E.getBytes().takeError()).find("elided") !=
              std::string::npos);
}

/// Builds x -> Relu -> y with the Graph API.
std::unique_ptr<Module> buildRelu() {
  auto M = std::make_unique<Module>();
  M->setSourcePath("built.hcm");
  M->setOpset("", 13);
  Graph &G = M->getGraph();
  Type T = Type::tensor(ElementType::f32(), Shape{Dim::known(4)});
  Value *X = G.addInput("x", T);
  Node *N = G.addNode("", "Relu", "relu");
  N->addOperand(X);
  G.addOutput(G.addResult(N, "y", T));
  return M;
}

/// A large graph prints its lines in blocks on several threads
/// (PrintOptions::Threads): the text must be the same on any number, and
/// a block boundary must not fall between a node and its nested graph.
TEST(Printer, LargeGraphPrintsTheSameOnAnyNumberOfThreads) {
  auto M = std::make_unique<Module>();
  M->setOpset("", 13);
  Graph &G = M->getGraph();
  Type T = Type::tensor(ElementType::f32(), Shape{Dim::known(2)});
  Value *X = G.addInput("x", T);
  for (int I = 0; I < 20000; ++I) {
    std::string Id = std::to_string(I);
    Value *W = G.addInitializer(
        "w" + Id, Tensor::inlineBytes(T, std::string(8, char('a' + I % 26))));
    Node *N = G.addNode("", "Add", "add" + Id);
    N->addOperand(X);
    N->addOperand(W);
    N->setAttr("i", Attribute(int64_t(I)));
    X = G.addResult(N, "y" + Id, T);
    if (I % 5000 == 4999) {
      auto Body = std::make_shared<Graph>("body" + Id);
      Value *In = Body->addInput("b" + Id, T);
      Node *R = Body->addNode("", "Relu", "relu" + Id);
      R->addOperand(In);
      Body->addOutput(Body->addResult(R, "r" + Id, T));
      N->setAttr("body", Attribute(Body));
    }
  }
  G.addOutput(X);
  PrintOptions One;
  One.Threads = 1;
  std::string Text = printModuleToString(*M, One);
  EXPECT_NE(Text.find("graph @body4999(%b4999: f32[2])"), std::string::npos);
  for (unsigned Threads : {0u, 2u, 3u, 8u}) {
    PrintOptions P;
    P.Threads = Threads;
    EXPECT_TRUE(printModuleToString(*M, P) == Text) << Threads << " threads";
  }
  auto Reparsed = parseModule(Text, "large.hcm");
  ASSERT_TRUE(bool(Reparsed)) << errorText(Reparsed.takeError());
  EXPECT_TRUE(printModuleToString(**Reparsed) == Text);
}

TEST(Printer, ApiBuiltModuleRoundTrips) {
  auto M = buildRelu();
  M->getGraph().getNodes()[0]->setAttr(
      "hcm.stats", Attribute(AttrDict{{"bops", Attribute(12.5)},
                                      {"tiles", Attribute(int64_t(9))}}));
  std::string Text = printModuleToString(*M);
  EXPECT_NE(Text.find("{hcm.stats = {bops = 12.5 : f64, tiles = 9}}"),
            std::string::npos)
      << Text;
  auto Reparsed = parseModule(Text, "t.hcm");
  ASSERT_TRUE(bool(Reparsed)) << errorText(Reparsed.takeError());
  EXPECT_EQ(printModuleToString(**Reparsed), Text);
  EXPECT_FALSE(bool(verifyModule(**Reparsed)));
}

TEST(Printer, FloatsNeverPrintAsIntegers) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  printAttribute(Attribute(2.0f), OS);
  OS << ' ';
  printAttribute(Attribute(std::vector<float>{1.0f, 1e20f}), OS);
  OS << ' ';
  printAttribute(Attribute(std::vector<int64_t>{}), OS);
  EXPECT_EQ(OS.str(), "2.0 [1.0, 1e+20] ints[]");
}

TEST(Parser, ErrorsAreOneLineWithPosition) {
  auto M = parseModule("module {} opsets {\"\" = 13} {\n  graph @g() {\n"
                       "    return %missing\n  }\n}\n",
                       "f.hcm");
  ASSERT_FALSE(bool(M));
  EXPECT_EQ(errorText(M.takeError()),
            "f.hcm:3:12: error: use of undefined value '%missing'");
  std::string Nested = "module ";
  for (int I = 0; I < 200; ++I)
    Nested += "{a = ";
  auto Deep = parseModule(Nested, "deep.hcm");
  ASSERT_FALSE(bool(Deep));
  EXPECT_NE(errorText(Deep.takeError()).find("nested too deeply"),
            std::string::npos);
}

TEST(Parser, NeverCrashesOnPrefixes) {
  // Every prefix of a valid module is either valid or a clean error.
  std::string Text = printModuleToString(*buildRelu());
  for (size_t I = 0; I < Text.size(); ++I) {
    auto M = parseModule(Text.substr(0, I), "p.hcm");
    if (!M) {
      EXPECT_EQ(errorText(M.takeError()).find('\n'), std::string::npos);
    }
  }
}

TEST(Parser, RejectsOutOfRangeValues) {
  auto M = parseModule("module {} opsets {} {\n  graph @g() {\n"
                       "    %w = init dense<u8[1], [256]>\n    return %w\n"
                       "  }\n}\n",
                       "r.hcm");
  ASSERT_FALSE(bool(M));
  EXPECT_EQ(errorText(M.takeError()),
            "r.hcm:3:29: error: value 256 does not fit u8");
}

TEST(Verifier, CatchesUseBeforeDefinition) {
  auto M = buildRelu();
  Graph &G = M->getGraph();
  Type T = G.getInputs()[0]->getType();
  // A node that reads a value defined by a later node.
  Node *Early = G.insertNodeBefore(G.getNodes()[0].get(), "", "Neg", "early");
  Early->addOperand(G.getOutputs()[0]);
  G.addResult(Early, "z", T);
  EXPECT_EQ(errorText(verifyModule(*M)),
            "built.hcm: node 'early' (Neg, opset 13): error: operand 'y' is "
            "used before its definition");
}

TEST(Verifier, CatchesDuplicateNamesAndBadData) {
  auto M = buildRelu();
  Graph &G = M->getGraph();
  Type T = Type::tensor(ElementType::f32(), Shape{Dim::known(4)});
  G.addInitializer("w", Tensor::inlineBytes(T, std::string(12, '\0')));
  EXPECT_EQ(errorText(verifyModule(*M)),
            "built.hcm: error: initializer 'w' of type f32[4] holds 12 "
            "bytes, expected 16");
}

TEST(Graph, EraseAndReplaceKeepLookupsConsistent) {
  auto M = buildRelu();
  Graph &G = M->getGraph();
  Value *X = G.getInputs()[0];
  Node *Relu = G.getNodes()[0].get();
  G.replaceAllUsesWith(Relu->getResult(0), X);
  G.eraseNode(Relu);
  EXPECT_EQ(G.getNumNodes(), 0u);
  EXPECT_EQ(G.lookup("y"), nullptr);
  EXPECT_EQ(G.getOutputs()[0], X);
  EXPECT_EQ(G.makeUniqueName("x"), "x_1");
  EXPECT_FALSE(bool(verifyModule(*M)));
}

TEST(Graph, RenameValueAndSetOpTypeKeepUses) {
  auto M = buildRelu();
  Graph &G = M->getGraph();
  Node *Relu = G.getNodes()[0].get();
  Value *Y = Relu->getResult(0);
  G.renameValue(Y, "z");
  EXPECT_EQ(G.lookup("y"), nullptr);
  EXPECT_EQ(G.lookup("z"), Y);
  EXPECT_EQ(G.getOutputs()[0], Y);
  Relu->setOpType("hcm", "Act");
  EXPECT_TRUE(Relu->is("Act", "hcm"));
  EXPECT_EQ(Relu->getResult(0), Y);
  EXPECT_FALSE(bool(verifyModule(*M)));
}

/// The name index: a value created or renamed onto a name another value
/// has takes the name (the other stays, unindexed) and counts a clash,
/// which is what lets the verifier skip its own name table; erasing the
/// replaced value keeps the new one findable.
TEST(Graph, NameIndexCountsClashesAndKeepsTheNewest) {
  auto M = buildRelu();
  Graph &G = M->getGraph();
  Value *X = G.getInputs()[0];
  Node *Relu = G.getNodes()[0].get();
  Value *Y = Relu->getResult(0);
  EXPECT_EQ(G.getNameClashes(), 0u);
  G.renameValue(Y, "y2");
  G.renameValue(Y, "y2"); // the same value again: no clash
  EXPECT_EQ(G.getNameClashes(), 0u);
  EXPECT_FALSE(bool(verifyModule(*M)));
  G.renameValue(Y, "x");
  EXPECT_EQ(G.getNameClashes(), 1u);
  EXPECT_EQ(G.lookup("x"), Y);
  EXPECT_EQ(errorText(verifyModule(*M)),
            "built.hcm: error: duplicate value name 'x' in graph 'main' "
            "(also defined in graph 'main')");
  G.renameValue(Y, "y");
  EXPECT_EQ(G.lookup("y"), Y);
  EXPECT_EQ(G.lookup("x"), nullptr); // X lost its entry to Y
  EXPECT_NE(X, nullptr);
  // A node whose result takes a name, then the older holder is erased.
  Node *Again = G.addNode("", "Relu", "again");
  Again->addOperand(X);
  Value *Y2 = G.addResult(Again, "y", Y->getType());
  EXPECT_EQ(G.getNameClashes(), 2u);
  G.replaceAllUsesWith(Y, Y2);
  G.eraseNode(Relu);
  EXPECT_EQ(G.lookup("y"), Y2);
}

std::string nodeOrder(const Graph &G) {
  std::string S;
  for (const auto &N : G.getNodes())
    S += (S.empty() ? "" : " ") + N->getName();
  return S;
}

/// Inserted nodes wait on a pending list until getNodes(); the list must be
/// the one inserting them one by one into the node vector gave, also when a
/// node is inserted before a pending one, or erased before it is placed.
TEST(Graph, InsertBeforeKeepsOrderAcrossPendingAndErasedNodes) {
  Graph G;
  Node *A = G.addNode("", "Relu", "a");
  Node *B = G.addNode("", "Relu", "b");
  Node *C = G.addNode("", "Relu", "c");
  G.insertNodeBefore(B, "", "Neg", "x1");
  Node *X2 = G.insertNodeBefore(B, "", "Neg", "x2");
  Node *Y = G.insertNodeBefore(G.insertNodeBefore(X2, "", "Neg", "y1"), "",
                               "Neg", "y0");
  G.insertNodeBefore(C, "", "Neg", "z");
  G.eraseNode(C); // z keeps c's place
  G.insertNodeBefore(A, "", "Neg", "first");
  G.eraseNode(X2); // erased before it was placed
  G.insertNodeBefore(Y, "", "Neg", "w");
  EXPECT_EQ(nodeOrder(G), "first a x1 w y0 y1 b z");
  // Placed nodes know their position: erasing and inserting again work.
  G.eraseNode(Y);
  G.insertNodeBefore(A, "", "Neg", "second");
  G.addNode("", "Relu", "last");
  EXPECT_EQ(nodeOrder(G), "first second a x1 w y1 b z last");
  std::vector<Node *> Placed;
  for (const auto &N : G.getNodes())
    Placed.push_back(N.get());
  for (size_t I = 0; I < Placed.size(); ++I)
    G.insertNodeBefore(Placed[I], "", "Neg", "n" + std::to_string(I));
  EXPECT_EQ(nodeOrder(G), "n0 first n1 second n2 a n3 x1 n4 w n5 y1 n6 b n7 "
                          "z n8 last");
}

/// 200,000 inserts before one node and a chain of inserts each before the
/// previous one (a pending list 200,000 deep) take linear time and place
/// every node.
TEST(Graph, ManyInsertsAreLinear) {
  Graph G;
  Node *Last = G.addNode("", "Relu", "last");
  for (int I = 0; I < 200000; ++I)
    G.insertNodeBefore(Last, "", "Neg", "");
  Node *At = Last;
  for (int I = 0; I < 200000; ++I)
    At = G.insertNodeBefore(At, "", "Neg", "deep");
  EXPECT_EQ(G.getNumNodes(), 400001u);
  EXPECT_EQ(G.getNodes()[200000].get(), At);
  EXPECT_EQ(G.getNodes().back().get(), Last);
}

} // namespace

#include "hcm/IR/OpInfo.h"

TEST(OpInfo, OneTableForEveryComponent) {
  const hcm::OpInfo *Conv = hcm::lookupOp("", "Conv");
  ASSERT_NE(Conv, nullptr);
  EXPECT_TRUE(Conv->IsCompute);
  EXPECT_EQ(Conv->Weight, 1);
  EXPECT_EQ(hcm::lookupOp("ai.onnx", "QLinearConv")->Weight, 3);
  // QDQ ops also in ONNX Runtime's domain; compute ops only in ONNX's.
  EXPECT_EQ(hcm::lookupOp("com.microsoft", "QuantizeLinear")->Class,
            hcm::OpClass::Quantizer);
  EXPECT_EQ(hcm::lookupOp("com.microsoft", "Conv"), nullptr);
  EXPECT_EQ(hcm::lookupOp("finn", "Quant")->Class, hcm::OpClass::Quantizer);
  EXPECT_EQ(hcm::lookupOp("", "Quant"), nullptr);
  EXPECT_TRUE(hcm::lookupOp("", "Relu")->has(hcm::opflag::NonNeg));
  EXPECT_TRUE(hcm::lookupOp("", "MaxPool")->has(hcm::opflag::Pool));
  EXPECT_FALSE(hcm::lookupOp("", "AveragePool")->has(hcm::opflag::Grid));
  EXPECT_EQ(hcm::lookupOp("", "NoSuchOp"), nullptr);
}

TEST(OpInfo, NodeAnswerFollowsItsOpAndAttributes) {
  hcm::Graph G;
  hcm::Node *N = G.addNode("", "Conv", "c");
  EXPECT_EQ(hcm::lookupOp(*N), hcm::lookupOp("", "Conv"));
  EXPECT_EQ(hcm::lookupOp(*N), hcm::lookupOp(*N)); // remembered
  N->setOpType("", "Relu");
  EXPECT_EQ(hcm::lookupOp(*N), hcm::lookupOp("", "Relu"));
  // A lowered node is answered by the op its hcm.pe attribute names.
  N->setOpType("hcm", "PEConv");
  EXPECT_EQ(hcm::lookupOp(*N), nullptr);
  N->setAttr(hcm::PEAttrKey,
             hcm::Attribute(hcm::AttrDict{{"orig", hcm::Attribute("Gemm")}}));
  EXPECT_EQ(hcm::lookupOp(*N), hcm::lookupOp("", "Gemm"));
  N->setAttr(hcm::PEAttrKey,
             hcm::Attribute(hcm::AttrDict{{"orig", hcm::Attribute("Conv")}}));
  EXPECT_EQ(hcm::lookupOp(*N), hcm::lookupOp("", "Conv"));
  N->removeAttr(hcm::PEAttrKey);
  EXPECT_EQ(hcm::lookupOp(*N), nullptr);
}
