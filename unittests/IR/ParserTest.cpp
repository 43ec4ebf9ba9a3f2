//===- ParserTest.cpp - Reading the text form back ------------------------===//
//
// Round trips (parse -> print -> parse -> print) over hand-written texts that
// cover every construct of docs/IR.md, the contents of parsed modules, exact
// error messages with positions, and robustness against malformed input.
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Parser.h"
#include "hcm/IR/Graph.h"
#include "hcm/IR/Printer.h"
#include "hcm/IR/Verifier.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <random>

using namespace hcm;

namespace {

std::string errorText(llvm::Error E) { return llvm::toString(std::move(E)); }

/// Parses \p Text; a parse error fails the test (and returns nullptr).
std::unique_ptr<Module> parseOk(llvm::StringRef Text,
                                llvm::StringRef BaseDir = "") {
  auto M = parseModule(Text, "t.hcm", BaseDir);
  if (!M) {
    ADD_FAILURE() << errorText(M.takeError()) << "\n" << Text.str();
    return nullptr;
  }
  return std::move(*M);
}

/// The message parsing \p Text fails with, or "" when it parses.
std::string parseError(llvm::StringRef Text) {
  auto M = parseModule(Text, "e.hcm");
  return M ? "" : errorText(M.takeError());
}

/// A module whose graph @g has \p Inputs and body \p Body (line 3 onwards).
std::string wrap(llvm::StringRef Inputs, llvm::StringRef Body) {
  return "module {} opsets {\"\" = 13} {\n  graph @g(" + Inputs.str() +
         ") {\n" + Body.str() + "  }\n}\n";
}

//===----------------------------------------------------------------------===//
// Round trips
//===----------------------------------------------------------------------===//

/// Header properties of each kind, opsets, metadata with escapes, and every
/// type form in a signature.
const char *HeaderAndTypes =
    R"(module {doc_string = "all \"kinds\"\n", ir_version = 8, model_version = -3, "odd key" = 1.5, producer_name = "hcm", scale = 0.25 : f64} opsets {"" = 13, "ai.onnx.ml" = 3, "com.microsoft" = 1} metadata {"author" = "me", "k\tv" = "\01\7F\\"} {
  graph @types(%a: f32[N,3,?,"batch size"], %b: i4[2], %c: u64[], %d: bool, %e: str[2], %f: seq<f32[3]>, %g: opt<i8>, %h: map<i64,f32>, %i: map<str,seq<f32>>, %j: sparse<f32[2,2]>, %k: ?, %l: ?[2], %m: bf16[1], %n: c64[1], %o: c128, %p: f16, %0weird: i17[0], %"q r": u1[_x,"3"]) doc "graph\tdoc ü" {
    return %a, %p
  }
}
)";

/// Every payload form of `init` lines, and data attached to an input.
const char *Initializers = R"(module {} opsets {"" = 13} {
  graph @inits(%x: f32[2], %dflt: i64[]) {
    %dflt = init dense<i64[], [7]>
    %f32 = init dense<f32[7], [1.0, -2.5, 3e-05, inf, -inf, -0.0, nan]>
    %f64 = init dense<f64[2,2], [0.1, 1e+300, -1.0, 5e-324]>
    %i8 = init dense<i8[3], [-128, 0, 127]>
    %i16 = init dense<i16[2], [-32768, 32767]>
    %i32 = init dense<i32[2], [-2147483648, 2147483647]>
    %i64 = init dense<i64[2], [-9223372036854775808, 9223372036854775807]>
    %u8 = init dense<u8[2], [0, 255]>
    %u16 = init dense<u16[1], [65535]>
    %u32 = init dense<u32[1], [4294967295]>
    %u64 = init dense<u64[3], [0, 9223372036854775807, -1]>
    %i24 = init dense<i24[2], [-8388608, 8388607]>
    %b = init dense<bool[2,1], [1, 0]>
    %s = init dense<str[3], ["", "a\"b", "\n"]>
    %s0 = init dense<str[0], strings[]>
    %z = init dense<f32[0,4], []>
    %h = init dense<f16[2], 0x003C0040>
    %bf = init dense<bf16[1], 0x803F>
    %q = init dense<i4[3], 0x21F3>
    %c = init dense<c64[1], 0x0000803F00000000>
    %e = init dense<f16[0], 0x>
    %ext = init dense<u8[100], external("weights.bin", offset = 64, length = 100)>
    %ext2 = init dense<f32[N], external("sub dir/w.bin", offset = 0)>
    %el = init dense<f32[64,3,3,3], elided>
    %sel = init dense<str[N], elided>
    return %x, %dflt
  }
}
)";

/// Nodes: omitted operands and results, domains, quoted names, every
/// attribute kind, subgraphs using outer values, nodes without results or
/// operands, and ops whose names are keywords of the text form.
const char *Nodes =
    R"(module {producer_name = "hand"} opsets {"" = 13, "com.acme" = 2, "my domain" = 1} {
  graph @nodes(%x: f32[N,4,8,8], %"weird name": f32[4], %c: bool[]) {
    %w = init dense<f32[4], [1.0, 2.0, 3.0, 4.0]>
    %y = Relu(%x) : f32[N,4,8,8] loc("/relu/Relu") doc "node doc\n"
    %s1, _, %s3 = Split(%y) {axis = 1} : (f32[N,2,8,8], _, f32[N,1,8,8]) loc("split")
    %"a b" = "my domain"::"My Op"(%s1, _, %"weird name") : ? loc("quoted")
    %z = com.acme::Mystery(%s1, %w) {dict = {inner = [1, 2], name = "n", nested = {deeper = ints[]}}, e_floats = floats[], e_graphs = graphs[], e_ints = ints[], e_strings = strings[], e_tensors = tensors[], e_types = types[], f = 0.5, fbig = 1e+20, fs = [1.0, -2.0], i = -3, k-e.y$ = 0, real = 0.1 : f64, s = "str", ss = ["p", "q"], t = dense<i64[2], [1, 2]>, ts = [dense<f32[], [1.0]>, dense<str[1], ["x"]>], ty = type<seq<f32[3]>>, tys = [type<opt<i8>>, type<map<i64,f32>>]} : ? loc("mystery")
    Print(%z) loc("sink")
    %k = Constant() {value = dense<f32[2], [1.0, 2.0]>} : f32[2] loc("const")
    %r = If(%c) {else_branch = graph @else() {
        %e = Neg(%s3) : f32[N,1,8,8] loc("neg")
        return %e
      }, then_branch = graph @then() doc "then" {
        %t = Abs(%s3) : f32[N,1,8,8] loc("abs")
        %tt = If(%c) {else_branch = graph @inner_else() {
            return %t
          }, then_branch = graph @inner_then() {
            %u = Add(%t, %y) : f32[N,1,8,8] loc("deep")
            return %u
          }} : f32[N,1,8,8] loc("inner if")
        return %tt
      }} : f32[N,1,8,8] loc("if")
    %l1, %l2 = Loop(_, %c, %k) {body = graph @body(%iter: i64[], %cond: bool[], %carried: f32[2]) {
        %cond2 = Identity(%cond) : bool[] loc("id")
        %k2 = Add(%carried, %k) : f32[2] loc("acc")
        return %cond2, %k2
      }} : (f32[2], ?) loc("loop")
    %sc = Scan(%k) {bodies = [graph @b1(%p: f32[]) {
        return %p
      }, graph @b2(%q: f32[]) {
        return %q
      }], num_scan_inputs = 1} : f32[2] loc("scan")
    %i0 = init(%x) : f32[N,4,8,8] loc("op named init")
    return(%i0) loc("op named return")
    doc(%i0) loc("op named doc")
    _(%i0) loc("op named _")
    _ = Dropout(%i0) : _ loc("all results omitted")
    return %r, %z, %l1
  }
}
)";

/// An unnamed graph without inputs or outputs.
const char *Minimal = R"(module {} opsets {} {
  graph @""() {
    return
  }
}
)";

class RoundTrip : public ::testing::TestWithParam<const char *> {};

TEST_P(RoundTrip, PrintsBackIdentically) {
  std::string Text = GetParam();
  auto M = parseOk(Text);
  ASSERT_TRUE(M);
  std::string First = printModuleToString(*M);
  EXPECT_EQ(First, Text);
  auto Again = parseOk(First);
  ASSERT_TRUE(Again);
  EXPECT_EQ(printModuleToString(*Again), First);
  EXPECT_EQ(errorText(verifyModule(*Again)), "");
}

INSTANTIATE_TEST_SUITE_P(Texts, RoundTrip,
                         ::testing::Values(HeaderAndTypes, Initializers, Nodes,
                                           Minimal));

TEST(ParserRoundTrip, CommentsAndSpacingAreNotSignificant) {
  const char *Loose = "// leading comment\n"
                      "module{}opsets{\"\"=13}{ // header\n"
                      "graph @g ( %x : f32 [ 2 ] ) { // \"not a string\n"
                      "  %y=Relu(%x):f32[2]loc(\"r // kept\") // trailing\n"
                      "return %y}}// end";
  auto M = parseOk(Loose);
  ASSERT_TRUE(M);
  EXPECT_EQ(printModuleToString(*M),
            wrap("%x: f32[2]", "    %y = Relu(%x) : f32[2] loc(\"r // kept\")\n"
                               "    return %y\n"));
}

TEST(ParserRoundTrip, UnelidedDataPrintsAsHexAndReadsBack) {
  std::string Text =
      wrap("", "    %big = init dense<i32[17], 0x" + std::string(17 * 8, 'A') +
                   ">\n    return %big\n");
  auto M = parseOk(Text);
  ASSERT_TRUE(M);
  PrintOptions All;
  All.ElideElementsAbove = -1;
  EXPECT_EQ(printModuleToString(*M, All), Text);
  // With the default options the 17 elements are elided; that reads back too.
  std::string Elided = printModuleToString(*M);
  EXPECT_NE(Elided.find("dense<i32[17], elided>"), std::string::npos);
  auto Again = parseOk(Elided);
  ASSERT_TRUE(Again);
  EXPECT_EQ(printModuleToString(*Again), Elided);
}

TEST(ParserRoundTrip, ApiBuiltTensorsOfEveryListableTypeKeepTheirBytes) {
  auto M = std::make_unique<Module>();
  Graph &G = M->getGraph();
  std::string Bytes;
  for (int I = 0; I < 8; ++I)
    Bytes += char(0x80 | (I * 37));
  for (const char *Elem : {"f32", "f64", "i8", "i16", "i32", "i64", "u8", "u16",
                           "u32", "u64", "i24", "u40", "bool"}) {
    ElementType E = *ElementType::parse(Elem);
    int64_t N = 8;
    std::string Data;
    for (int64_t I = 0; I < N * E.getByteSize(); ++I)
      Data += char(0x11 * (I + 1) + 0x05 * std::strlen(Elem));
    if (E.getKind() == ElementType::Kind::Bool)
      Data = std::string(size_t(N), '\1');
    if (E.isFloat()) // finite, non-NaN patterns only
      for (size_t I = E.getByteSize() - 1; I < Data.size();
           I += E.getByteSize())
        Data[I] = 0x3f;
    G.addInitializer(
        std::string("t_") + Elem,
        Tensor::inlineBytes(Type::tensor(E, Shape{Dim::known(N)}), Data));
  }
  std::string Text = printModuleToString(*M);
  auto Back = parseOk(Text);
  ASSERT_TRUE(Back);
  for (const Value *V : G.getInitializers()) {
    const Value *W = Back->getGraph().lookup(V->getName());
    ASSERT_TRUE(W) << V->getName();
    EXPECT_EQ(cantFail(W->getData().getBytes()),
              cantFail(V->getData().getBytes()))
        << V->getName() << " in\n"
        << Text;
  }
  EXPECT_EQ(printModuleToString(*Back), Text);
}

//===----------------------------------------------------------------------===//
// What the parser builds
//===----------------------------------------------------------------------===//

TEST(ParserContents, TypesAndHeader) {
  auto M = parseOk(HeaderAndTypes);
  ASSERT_TRUE(M);
  EXPECT_EQ(M->getSourcePath(), "t.hcm");
  EXPECT_EQ(M->getOpset(""), 13);
  EXPECT_EQ(M->getOpset("com.microsoft"), 1);
  EXPECT_EQ(M->getMetadata().at("k\tv"), "\x01\x7f\\");
  const AttrDict &P = M->getProperties();
  EXPECT_EQ(P.at("model_version").getInt(), -3);
  EXPECT_EQ(P.at("odd key").getKind(), Attribute::Kind::Float);
  EXPECT_EQ(P.at("scale").getKind(), Attribute::Kind::Double);
  EXPECT_EQ(P.at("scale").getDouble(), 0.25);
  const Graph &G = M->getGraph();
  EXPECT_EQ(G.getDocString(), "graph\tdoc \xc3\xbc");
  const Type &A = G.lookup("a")->getType();
  ASSERT_EQ(A.getRank(), 4u);
  EXPECT_EQ(A.getShape()[0], Dim::symbol("N"));
  EXPECT_EQ(A.getShape()[2], Dim::unknown());
  EXPECT_EQ(A.getShape()[3], Dim::symbol("batch size"));
  EXPECT_EQ(G.lookup("q r")->getType().getShape()[1], Dim::symbol("3"));
  EXPECT_FALSE(G.lookup("d")->getType().hasRank());
  EXPECT_EQ(G.lookup("h")->getType().getKind(), Type::Kind::Map);
  EXPECT_EQ(G.lookup("k")->getType().getKind(), Type::Kind::Unknown);
  EXPECT_EQ(G.lookup("l")->getType().str(), "?[2]");
  // Positions of definitions: the graph keyword, and each input name.
  EXPECT_EQ(G.getLoc().Line, 2u);
  EXPECT_EQ(G.getLoc().Col, 3u);
  EXPECT_EQ(G.lookup("a")->getLoc().Col, 16u);
}

TEST(ParserContents, TensorBytesAreLittleEndianRawData) {
  auto M = parseOk(Initializers, "/models/dir");
  ASSERT_TRUE(M);
  const Graph &G = M->getGraph();
  auto Bytes = [&](llvm::StringRef Name) {
    return cantFail(G.lookup(Name)->getData().getBytes()).str();
  };
  EXPECT_EQ(Bytes("i16"), std::string("\x00\x80\xff\x7f", 4));
  EXPECT_EQ(Bytes("u64").substr(16), std::string(8, '\xff'));
  EXPECT_EQ(Bytes("i24"), std::string("\x00\x00\x80\xff\xff\x7f", 6));
  EXPECT_EQ(Bytes("h"), std::string("\x00\x3c\x00\x40", 4));
  EXPECT_EQ(Bytes("e"), "");
  float F[7];
  ASSERT_EQ(Bytes("f32").size(), sizeof(F));
  std::memcpy(F, Bytes("f32").data(), sizeof(F));
  EXPECT_EQ(F[1], -2.5f);
  EXPECT_TRUE(std::isinf(F[3]) && F[4] < 0);
  EXPECT_TRUE(std::signbit(F[5]));
  EXPECT_TRUE(std::isnan(F[6]));
  EXPECT_EQ(G.lookup("f64")->getData().getDouble(3), 5e-324);
  EXPECT_EQ(G.lookup("s")->getData().getStrings(),
            (std::vector<std::string>{"", "a\"b", "\n"}));
  EXPECT_TRUE(G.lookup("s0")->getData().getStrings().empty());
  // The input keeps its signature type and gets the data.
  const Value *Dflt = G.lookup("dflt");
  EXPECT_TRUE(Dflt->isInput() && Dflt->hasData());
  EXPECT_EQ(G.getInitializers().size(), 24u);
  const ExternalRef &R = G.lookup("ext")->getData().getExternal();
  EXPECT_EQ(R.Location, "weights.bin");
  EXPECT_EQ(R.BaseDir, "/models/dir");
  EXPECT_EQ(R.Offset, 64);
  EXPECT_EQ(R.Length, 100);
  EXPECT_EQ(G.lookup("ext2")->getData().getExternal().Length, -1);
  EXPECT_EQ(G.lookup("el")->getData().getStorage(), Tensor::Storage::Elided);
}

TEST(ParserContents, NodesAttributesAndScopes) {
  auto M = parseOk(Nodes);
  ASSERT_TRUE(M);
  const Graph &G = M->getGraph();
  const auto &Ns = G.getNodes();
  const Node &Split = *Ns[1];
  EXPECT_EQ(Split.getNumResults(), 3u);
  EXPECT_EQ(Split.getResult(1), nullptr);
  EXPECT_EQ(Split.getLoc().Line, 5u);
  EXPECT_EQ(Split.getLoc().Col, 5u);
  EXPECT_EQ(Split.getResult(2)->getLoc().Col, 13u);
  const Node &Quoted = *Ns[2];
  EXPECT_EQ(Quoted.getDomain(), "my domain");
  EXPECT_EQ(Quoted.getOpType(), "My Op");
  EXPECT_EQ(Quoted.getOperand(1), nullptr);
  EXPECT_EQ(Ns[0]->getDocString(), "node doc\n");
  const Node &Mystery = *Ns[3];
  EXPECT_EQ(Mystery.getAttr("f")->getKind(), Attribute::Kind::Float);
  EXPECT_EQ(Mystery.getAttr("real")->getKind(), Attribute::Kind::Double);
  EXPECT_EQ(Mystery.getAttr("e_graphs")->getKind(), Attribute::Kind::Graphs);
  EXPECT_EQ(Mystery.getAttr("tys")->getTypes()[1].str(), "map<i64,f32>");
  EXPECT_EQ(Mystery.getAttr("dict")->getDict().at("nested").getKind(),
            Attribute::Kind::Dict);
  EXPECT_EQ(Ns[4]->getNumResults(), 0u);
  EXPECT_EQ(Ns[5]->getNumOperands(), 0u);
  // The subgraphs see %s3 and %y of the main graph: the very same values.
  const Node &If = *Ns[6];
  Graph *Then = If.getAttr("then_branch")->getGraph().get();
  EXPECT_EQ(Then->getParentNode(), &If);
  EXPECT_EQ(Then->getParentGraph(), &G);
  EXPECT_EQ(Then->getNodes()[0]->getOperand(0), G.lookup("s3"));
  Graph *Inner = Then->getNodes()[1]->getAttr("then_branch")->getGraph().get();
  EXPECT_EQ(Inner->getNodes()[0]->getOperand(0), Then->lookup("t"));
  EXPECT_EQ(Inner->getNodes()[0]->getOperand(1), G.lookup("y"));
  EXPECT_EQ(G.lookupLocal("t"), nullptr);
  const Node &Scan = *Ns[8];
  for (Graph *B : Scan.getSubgraphs())
    EXPECT_EQ(B->getParentNode(), &Scan);
  EXPECT_EQ(Ns[9]->getOpType(), "init");
  EXPECT_EQ(Ns[10]->getOpType(), "return");
  EXPECT_EQ(Ns[11]->getOpType(), "doc");
  EXPECT_EQ(Ns[12]->getOpType(), "_");
  EXPECT_EQ(G.getOutputs().size(), 3u);
}

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

struct ErrorCase {
  std::string Text;
  std::string Message;
};

void expectErrors(const std::vector<ErrorCase> &Cases) {
  for (const ErrorCase &C : Cases)
    EXPECT_EQ(parseError(C.Text), C.Message) << C.Text;
}

TEST(ParserErrors, Header) {
  expectErrors({
      {"", "e.hcm:1:1: error: expected 'module', found end of file"},
      {"garbage", "e.hcm:1:1: error: expected 'module', found 'garbage'"},
      {"module opsets",
       "e.hcm:1:8: error: expected '{' starting the module properties, found "
       "'opsets'"},
      {"module {} {", "e.hcm:1:11: error: expected 'opsets', found '{'"},
      {"module {} opsets {\"\" = 13, \"\" = 14} {",
       "e.hcm:1:28: error: duplicate key \"\" in opsets"},
      {"module {} opsets {\"\" = x}",
       "e.hcm:1:24: error: expected an integer, found 'x'"},
      {"module {} opsets {\"\" = 99999999999999999999}",
       "e.hcm:1:24: error: integer 99999999999999999999 is out of range"},
      {"module {} opsets {\"\" 13}",
       "e.hcm:1:22: error: expected '=' after a key of the opsets, found '13'"},
      {"module {} opsets {} metadata {\"k\" = 1}",
       "e.hcm:1:37: error: expected a string, found '1'"},
      {"module {g = graph @g() {\n return\n}} opsets {} {",
       "e.hcm:1:13: error: graph attributes are only allowed on nodes"},
      {"module {} opsets {} {\n  graph @g() {\n    return\n  }\n}\n}",
       "e.hcm:6:1: error: expected end of file after the module, found '}'"},
      {"module {} opsets {} {\n  graph g() {",
       "e.hcm:2:9: error: expected a graph name '@name', found 'g'"},
  });
}

TEST(ParserErrors, ValuesAndScopes) {
  expectErrors({
      {wrap("%x: f32[2]", "    %y = Relu(%nope) : f32[2] loc(\"r\")\n"),
       "e.hcm:3:15: error: use of undefined value '%nope'"},
      {wrap("%x: f32[2]", "    %x = Relu(%x) : f32[2] loc(\"r\")\n"),
       "e.hcm:3:5: error: redefinition of value '%x'"},
      {wrap("%x: f32[2], %x: f32[2]", "    return\n"),
       "e.hcm:2:24: error: redefinition of value '%x'"},
      {wrap("%x: f32[2]", "    %a, %a = Split(%x) : (f32[1], f32[1]) "
                          "loc(\"s\")\n"),
       "e.hcm:3:9: error: redefinition of value '%a'"},
      {wrap("%x: f32[2]", "    %y = Relu(%y) : f32[2] loc(\"r\")\n"),
       "e.hcm:3:15: error: use of undefined value '%y'"},
      {wrap("%x: f32[2]", "    %w = init dense<f32[1], [1.0]>\n"
                          "    %w = init dense<f32[1], [1.0]>\n"),
       "e.hcm:4:5: error: redefinition of value '%w'"},
      {wrap("%x: f32[2]", "    %x = init dense<f32[2], [1.0, 2.0]>\n"
                          "    %x = init dense<f32[2], [1.0, 2.0]>\n"),
       "e.hcm:4:5: error: redefinition of value '%x'"},
      // A subgraph may not redefine an outer name, nor init an outer input.
      {wrap("%c: bool[]", "    %r = If(%c) {g = graph @t() {\n"
                          "        %c = init dense<bool[], [1]>\n"),
       "e.hcm:4:9: error: redefinition of value '%c'"},
      // Names stay taken after the subgraph that defined them ends...
      {wrap("%c: bool[]", "    %r = If(%c) {g = graph @t() {\n"
                          "        %t = Not(%c) : bool[] loc(\"n\")\n"
                          "        return %t\n      }} : bool[] loc(\"if\")\n"
                          "    %t = Not(%c) : bool[] loc(\"n2\")\n"),
       "e.hcm:7:5: error: redefinition of value '%t'"},
      // ...and are not visible outside it.
      {wrap("%c: bool[]", "    %r = If(%c) {g = graph @t() {\n"
                          "        %t = Not(%c) : bool[] loc(\"n\")\n"
                          "        return %t\n      }} : bool[] loc(\"if\")\n"
                          "    return %t\n"),
       "e.hcm:7:12: error: use of undefined value '%t'"},
      // A node's own results are not in scope in its subgraphs.
      {wrap("%c: bool[]", "    %r = If(%c) {g = graph @t() {\n"
                          "        return %r\n"),
       "e.hcm:4:16: error: use of undefined value '%r'"},
      {wrap("%c: bool[]", "    %r = If(%c) {g = graph @t() {\n"
                          "        %r = Not(%c) : bool[] loc(\"n\")\n"),
       "e.hcm:4:9: error: redefinition of value '%r'"},
      {wrap("", "    %\"\" = Foo() : f32 loc(\"f\")\n"),
       "e.hcm:3:5: error: empty value name"},
  });
}

TEST(ParserErrors, NodeSyntax) {
  expectErrors({
      {wrap("%a: f32, %b: f32", "    %y = Add(%a %b) : f32 loc(\"a\")\n"),
       "e.hcm:3:17: error: expected ')' in operand list, found '%b'"},
      {wrap("%a: f32", "    %y = Add(%a, ) : f32 loc(\"a\")\n"),
       "e.hcm:3:18: error: expected a value '%name' or '_', found ')'"},
      {wrap("%a: f32", "    %y = Relu(%a) loc(\"a\")\n"),
       "e.hcm:3:19: error: expected ':' before the result types, found "
       "'loc'"},
      {wrap("%a: f32", "    %y = Relu(%a) : f32\n    return %y\n"),
       "e.hcm:4:5: error: expected 'loc', found 'return'"},
      {wrap("%a: f32", "    %y, %z = Split(%a) : f32 loc(\"s\")\n"),
       "e.hcm:3:26: error: expected '(' opening the result types, found "
       "'f32'"},
      {wrap("%a: f32", "    %y, %z = Split(%a) : (f32) loc(\"s\")\n"),
       "e.hcm:3:30: error: expected ',' in result type list (2 results), "
       "found ')'"},
      {wrap("%a: f32", "    %y, _ = Split(%a) : (f32, f32) loc(\"s\")\n"),
       "e.hcm:3:31: error: expected '_' as the type of an omitted result, "
       "found 'f32'"},
      {wrap("%a: f32", "    %y = Relu(%a) : _ loc(\"s\")\n"),
       "e.hcm:3:21: error: result '%y' needs a type, found '_'"},
      {wrap("%a: f32", "    %y Relu(%a)\n"),
       "e.hcm:3:8: error: expected '=' after the results, found 'Relu'"},
      {wrap("%a: f32", "    %y = dom::(%a)\n"),
       "e.hcm:3:15: error: expected an op name after '::', found '('"},
      {wrap("%a: f32", "    %y = Relu(%a) : f32 loc(r)\n"),
       "e.hcm:3:29: error: expected a string, found 'r'"},
      {wrap("%a: f32", "    [\n"),
       "e.hcm:3:5: error: expected a node, an init line or 'return', found "
       "'['"},
      {wrap("%a: f32", "    return %a,\n"),
       "e.hcm:4:3: error: expected a returned value '%name', found '}'"},
      {wrap("%a: f32", "    return _\n"),
       "e.hcm:3:12: error: expected '}' closing the graph, found '_'"},
      {"module {} opsets {} {\n  graph @g() {\n    return\n",
       "e.hcm:4:1: error: expected '}' closing the graph, found end of file"},
  });
}

TEST(ParserErrors, Attributes) {
  auto Node = [](llvm::StringRef Attrs) {
    return wrap("", "    Foo() " + Attrs.str() + " loc(\"f\")\n    return\n");
  };
  expectErrors({
      {Node("{a = 1, a = 2}"), "e.hcm:3:19: error: duplicate attribute 'a'"},
      {Node("{a = 1 b = 2}"),
       "e.hcm:3:18: error: expected '}' in attribute dict, found 'b'"},
      {Node("{a = }"),
       "e.hcm:3:16: error: expected an attribute value, found '}'"},
      {Node("{a = [1, 2.0]}"),
       "e.hcm:3:20: error: list element of kind float in a list of int"},
      {Node("{a = []}"),
       "e.hcm:3:16: error: empty lists are written with their kind, e.g. "
       "ints[]"},
      {Node("{a = [{b = 1}]}"),
       "e.hcm:3:16: error: lists of dict are not supported"},
      {Node("{a = [[1]]}"),
       "e.hcm:3:16: error: lists of ints are not supported"},
      {Node("{a = ints[1]}"),
       "e.hcm:3:21: error: expected ']' closing the empty list, found '1'"},
      {Node("{a = 9223372036854775808}"),
       "e.hcm:3:16: error: integer 9223372036854775808 is out of range"},
      {Node("{a = -9223372036854775808}"), ""},
      {Node("{a = 1x}"), "e.hcm:3:16: error: invalid integer '1x'"},
      {Node("{a = 1.5.5}"), "e.hcm:3:16: error: invalid number '1.5.5'"},
      {Node("{a = 1e39}"),
       "e.hcm:3:16: error: number 1e39 is out of range for f32"},
      {Node("{a = 1e39 : f64}"), ""},
      {Node("{a = 1e999 : f64}"),
       "e.hcm:3:16: error: number 1e999 is out of range for f64"},
      {Node("{a = 1.5 : f32}"),
       "e.hcm:3:22: error: expected 'f64', found 'f32'"},
      {Node("{a = type<f32}"),
       "e.hcm:3:24: error: expected '>' closing the type, found '}'"},
      {Node("{a = true}"),
       "e.hcm:3:16: error: expected an attribute value, found 'true'"},
  });
}

TEST(ParserErrors, Types) {
  auto In = [](llvm::StringRef Ty) {
    return wrap("%x: " + Ty.str(), "    return\n");
  };
  expectErrors({
      {In("f99[2]"), "e.hcm:2:16: error: unknown element type 'f99'"},
      {In("i0"), "e.hcm:2:16: error: unknown element type 'i0'"},
      {In("i65"), "e.hcm:2:16: error: unknown element type 'i65'"},
      {In("f32[2"), "e.hcm:2:21: error: expected ']' in shape, found ')'"},
      {In("f32[-1]"), "e.hcm:2:20: error: negative dim -1"},
      {In("f32[3.5]"), "e.hcm:2:20: error: expected an integer, found '3.5'"},
      {In("f32[99999999999999999999]"),
       "e.hcm:2:20: error: integer 99999999999999999999 is out of range"},
      {In("f32[\"\"]"), "e.hcm:2:20: error: empty dim symbol"},
      {In("seq<f32"),
       "e.hcm:2:23: error: expected '>' closing the type, found ')'"},
      {In("map<f32[2],f32>"),
       "e.hcm:2:23: error: expected ',' after the map key type, found '['"},
      {In("map<%k,f32>"),
       "e.hcm:2:20: error: expected a map key element type, found '%k'"},
      {In(""), "e.hcm:2:16: error: expected a type, found ')'"},
  });
}

TEST(ParserErrors, TensorPayloads) {
  auto Init = [](llvm::StringRef Tensor) {
    return wrap("", "    %w = init " + Tensor.str() + "\n    return %w\n");
  };
  expectErrors({
      {Init("dense<f32[3], [1.0, 2.0]>"),
       "e.hcm:3:29: error: tensor of type f32[3] needs 3 values, found 2"},
      {Init("dense<f32[1], [1.0, 2.0]>"),
       "e.hcm:3:29: error: tensor of type f32[1] needs 1 values, found 2"},
      {Init("dense<f32[N], [1.0]>"),
       "e.hcm:3:29: error: inline tensor data needs a static shape, not "
       "f32[N]"},
      {Init("dense<f32, [1.0]>"),
       "e.hcm:3:26: error: inline tensor data needs a static shape, not f32"},
      {Init("dense<f32[N], 0x00000000>"),
       "e.hcm:3:29: error: inline tensor data needs a static shape, not "
       "f32[N]"},
      {Init("dense<f32[4000000000,4000000000,4000000000], [1.0]>"),
       "e.hcm:3:60: error: tensor type "
       "f32[4000000000,4000000000,4000000000] has too many elements"},
      {Init("dense<f16[1], [1.0]>"),
       "e.hcm:3:29: error: element type f16 is written as 0x hex"},
      {Init("dense<f32[0], strings[]>"),
       "e.hcm:3:29: error: 'strings[]' is only for str tensors"},
      {Init("dense<str[1], strings[]>"),
       "e.hcm:3:29: error: tensor of type str[1] needs 1 values, found 0"},
      {Init("dense<str[1], [1]>"),
       "e.hcm:3:30: error: expected a string, found '1'"},
      {Init("dense<f32[1], [\"a\"]>"),
       "e.hcm:3:30: error: expected a number, found \"a\""},
      {Init("dense<f32[2], 0x0000803>"),
       "e.hcm:3:29: error: invalid hex data '0x0000803'"},
      {Init("dense<f32[2], 0x0000zz>"),
       "e.hcm:3:29: error: invalid hex data '0x0000zz'"},
      {Init("dense<f32[2], 0x0000803F>"),
       "e.hcm:3:29: error: tensor data has 4 bytes, its type f32[2] needs 2 "
       "x 4"},
      {Init("dense<str[1], 0x00>"),
       "e.hcm:3:29: error: string tensors are written as a list of strings"},
      {Init("dense<i8[2], [127, 128]>"),
       "e.hcm:3:34: error: value 128 does not fit i8"},
      {Init("dense<i8[1], [-129]>"),
       "e.hcm:3:29: error: value -129 does not fit i8"},
      {Init("dense<u8[1], [-1]>"),
       "e.hcm:3:29: error: value -1 does not fit u8"},
      {Init("dense<u32[1], [4294967296]>"),
       "e.hcm:3:30: error: value 4294967296 does not fit u32"},
      {Init("dense<bool[1], [256]>"),
       "e.hcm:3:31: error: value 256 does not fit bool"},
      {Init("dense<i64[1], [9223372036854775808]>"),
       "e.hcm:3:30: error: value 9223372036854775808 does not fit i64"},
      {Init("dense<u64[1], [18446744073709551615]>"), ""},
      {Init("dense<u64[1], [18446744073709551616]>"),
       "e.hcm:3:30: error: value 18446744073709551616 does not fit u64"},
      {Init("dense<i32[1], [1.0]>"),
       "e.hcm:3:30: error: invalid integer '1.0'"},
      {Init("dense<f32[1], [1e39]>"),
       "e.hcm:3:30: error: number 1e39 is out of range for f32"},
      {Init("dense<f32[1], [x]>"), "e.hcm:3:30: error: invalid number 'x'"},
      {Init("dense<seq<f32>, elided>"),
       "e.hcm:3:21: error: tensor data needs a tensor type, not seq<f32>"},
      {Init("dense<f32[1], 12>"),
       "e.hcm:3:29: error: expected tensor data ([...], 0x..., external(...) "
       "or elided), found '12'"},
      {Init("dense<u8[1], external(\"w\", offset = -1)>"),
       "e.hcm:3:51: error: offset -1 is negative"},
      {Init("dense<u8[1], external(\"w\", length = 1)>"),
       "e.hcm:3:42: error: expected 'offset', found 'length'"},
      {Init("dense<u8[1], external(w)>"),
       "e.hcm:3:37: error: expected a string, found 'w'"},
      {Init("dens<u8[1], elided>"),
       "e.hcm:3:15: error: expected 'dense', found 'dens'"},
  });
}

TEST(ParserErrors, Lexical) {
  expectErrors({
      {"module {a = \"abc", "e.hcm:1:13: error: unterminated string"},
      {"module {a = \"abc\n\"}", "e.hcm:1:13: error: unterminated string"},
      {"module {a = \"a\\qb\"}", "e.hcm:1:15: error: invalid escape in string"},
      {"module {a = \"a\\4\"}", "e.hcm:1:15: error: invalid escape in string"},
      {"module {a = #}", "e.hcm:1:13: error: unexpected character '#'"},
      {std::string("module {a = \x01}"),
       "e.hcm:1:13: error: unexpected character '\\x01'"},
      {std::string("module {a = \0}", 14),
       "e.hcm:1:13: error: unexpected character '\\x00'"},
      {"module {a = 1} opsets {} {\n  graph @g() {\n    %",
       "e.hcm:3:5: error: expected a name"},
      {"module {a = 1} // comment\n  opsets {} {\n  graph @",
       "e.hcm:3:9: error: expected a name"},
  });
}

TEST(ParserErrors, DeepNestingIsRejectedNotFatal) {
  auto Deep = [](const std::string &Open, int N) {
    std::string S = "module {a = ";
    for (int I = 0; I < N; ++I)
      S += Open;
    return S;
  };
  EXPECT_EQ(parseError(Deep("{a = ", 200)),
            "e.hcm:1:648: error: attributes nested too deeply (limit 128)");
  EXPECT_EQ(parseError(Deep("[", 100000)),
            "e.hcm:1:140: error: lists nested too deeply (limit 128)");
  std::string Seqs = "module {a = type<";
  for (int I = 0; I < 5000; ++I)
    Seqs += "seq<";
  EXPECT_EQ(parseError(Seqs),
            "e.hcm:1:526: error: types nested too deeply (limit 128)");
  // Graphs nested in graphs.
  std::string G = "module {} opsets {} {\n";
  for (int I = 0; I < 200; ++I)
    G += "graph @g" + std::to_string(I) + "(%c" + std::to_string(I) +
         ": bool[]) {\n  %r" + std::to_string(I) + " = If(%c" +
         std::to_string(I) + ") {b = ";
  // Each level is a graph and a dict: graph 64 (line 66) is level 129.
  EXPECT_EQ(parseError(G), "e.hcm:66:30: error: graphs nested too deeply "
                           "(limit 128)");
}

//===----------------------------------------------------------------------===//
// Robustness
//===----------------------------------------------------------------------===//

/// Parsing must end in a module or in a one-line error; a parsed module must
/// print, and its print must parse back and print the same.
void expectWellBehaved(llvm::StringRef Text) {
  auto M = parseModule(Text, "f.hcm");
  if (!M) {
    std::string Msg = errorText(M.takeError());
    EXPECT_EQ(Msg.find('\n'), std::string::npos) << Msg;
    EXPECT_EQ(Msg.rfind("f.hcm:", 0), 0u) << Msg;
    return;
  }
  std::string Printed = printModuleToString(**M);
  auto Again = parseModule(Printed, "again.hcm");
  ASSERT_TRUE(bool(Again)) << errorText(Again.takeError()) << "\n"
                           << Printed << "\nfrom\n"
                           << Text.str();
  EXPECT_EQ(printModuleToString(**Again), Printed);
}

TEST(ParserRobustness, EveryPrefixOfEveryTextIsHandled) {
  for (const char *Text : {HeaderAndTypes, Initializers, Nodes, Minimal}) {
    llvm::StringRef T(Text);
    for (size_t I = 0; I < T.size(); ++I)
      expectWellBehaved(T.take_front(I));
  }
}

TEST(ParserRobustness, RandomMutationsNeverCrash) {
  std::mt19937 Rng(1234);
  const std::string Alphabet = "%@\"\\{}()[]<>,=:?_0x-.e9aZ /\n";
  for (const char *Text : {HeaderAndTypes, Initializers, Nodes}) {
    for (int Round = 0; Round < 600; ++Round) {
      std::string S = Text;
      for (int Edits = 1 + Rng() % 3; Edits; --Edits) {
        size_t At = Rng() % S.size();
        char C = Alphabet[Rng() % Alphabet.size()];
        switch (Rng() % 3) {
        case 0:
          S.erase(At, 1 + Rng() % 8);
          break;
        case 1:
          S.insert(At, 1, C);
          break;
        default:
          S[At] = C;
        }
      }
      expectWellBehaved(S);
    }
  }
}

} // namespace
