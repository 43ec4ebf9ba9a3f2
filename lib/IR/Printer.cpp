//===- Printer.cpp - The textual form of the IR ---------------------------===//
//
// Writes the text form described in docs/IR.md. Everything printed is
// ordered (attributes and properties are sorted maps; nodes keep graph order)
// and numbers use fmt's shortest round-trip form, so output is deterministic.
// The main graph's lines (initializers, nodes) print in blocks on the
// machine's cores when there are many (PrintOptions::Threads), each block
// into its own buffer, written in order: the same bytes as one thread.
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Printer.h"
#include "hcm/Support/Parallel.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <charconv>

#include <fmt/compile.h>
#include <fmt/format.h>

using namespace hcm;

namespace {

class Printer {
public:
  Printer(llvm::raw_ostream &OS, const PrintOptions &Opts)
      : OS(OS), Opts(Opts) {}
  /// A printer for the lines of the module's main graph: may print them on
  /// several threads (every other printer prints on its caller's).
  static Printer forModule(llvm::raw_ostream &OS, const PrintOptions &Opts) {
    Printer P(OS, Opts);
    P.MayFork = true;
    return P;
  }

  void module(const Module &M);
  void graph(const Graph &G, unsigned Indent);
  void node(const Node &N, unsigned Indent);
  void attr(const Attribute &A, unsigned Indent);
  void tensor(const Tensor &T);
  void dict(const AttrDict &D, unsigned Indent);

private:
  /// Line(P, I) for I < Count, printed with P in order.
  void lines(size_t Count, llvm::function_ref<void(Printer &, size_t)> Line);
  void initLine(const Value *V, unsigned Indent);
  void pad(unsigned Indent) { OS.indent(Indent); }
  // Streamed forms of quoteIfNeeded, valueRef and Type::str (no temporary
  // strings: a large model prints millions of names).
  void ident(llvm::StringRef S, bool AllowLeadingDigit) {
    if (isPlainIdentifier(S, AllowLeadingDigit))
      OS << S;
    else
      quoted(S);
  }
  /// quoteString(S), written directly when nothing needs escaping.
  void quoted(llvm::StringRef S) {
    if (llvm::any_of(S, [](unsigned char C) {
          return C == '"' || C == '\\' || C < 0x20 || C == 0x7f;
        }))
      OS << quoteString(S);
    else
      OS << '"' << S << '"';
  }
  void ref(const Value *V) {
    OS << '%';
    ident(V->getName(), /*AllowLeadingDigit=*/true);
  }
  void type(const Type &T);
  void opName(const Node &N) {
    if (!N.getDomain().empty()) {
      ident(N.getDomain(), false);
      OS << "::";
    }
    ident(N.getOpType(), false);
  }
  template <typename T, typename Fn>
  void list(const std::vector<T> &L, const char *Kind, Fn Each) {
    if (L.empty()) {
      OS << Kind << "[]";
      return;
    }
    OS << '[';
    for (size_t I = 0; I < L.size(); ++I) {
      if (I)
        OS << ", ";
      Each(L[I]);
    }
    OS << ']';
  }
  void denseValues(const Tensor &T, int64_t N);

  llvm::raw_ostream &OS;
  const PrintOptions &Opts;
  bool MayFork = false;
};

} // namespace

/// Floats always carry '.', 'e', "inf" or "nan", so they never read as ints.
/// Formatted on the stack (a model prints millions of weights).
template <typename T> static void writeReal(llvm::raw_ostream &OS, T V) {
  // The shortest round-trip form is at most 24 characters ("-2.225...e-308");
  // compiled, "{}" is not parsed again for each of a model's many values.
  char Buf[40];
  llvm::StringRef S(Buf, fmt::format_to(Buf, FMT_COMPILE("{}"), V) - Buf);
  OS << S;
  // (A plain loop: find_first_of builds a 256-bit set on every call.)
  if (llvm::none_of(S, [](char C) {
        return C == '.' || C == 'e' || C == 'n' || C == 'i';
      }))
    OS << ".0";
}

/// Integers the way raw_ostream prints them, by one to_chars on the stack
/// (a model's shapes and attributes are millions of small integers).
static void writeInt(llvm::raw_ostream &OS, int64_t V) {
  char Buf[24];
  OS.write(Buf, size_t(std::to_chars(Buf, Buf + sizeof Buf, V).ptr - Buf));
}

std::string hcm::valueRef(llvm::StringRef Name) {
  return "%" + quoteIfNeeded(Name, /*AllowLeadingDigit=*/true);
}

void Printer::module(const Module &M) {
  OS << "module ";
  dict(M.getProperties(), 0);
  OS << " opsets {";
  bool First = true;
  for (const auto &[Domain, Version] : M.getOpsets()) {
    OS << (First ? "" : ", ") << quoteString(Domain) << " = " << Version;
    First = false;
  }
  OS << '}';
  if (!M.getMetadata().empty()) {
    OS << " metadata {";
    First = true;
    for (const auto &[K, V] : M.getMetadata()) {
      OS << (First ? "" : ", ") << quoteString(K) << " = " << quoteString(V);
      First = false;
    }
    OS << '}';
  }
  OS << " {\n";
  pad(2);
  graph(M.getGraph(), 2);
  OS << "\n}\n";
}

void Printer::graph(const Graph &G, unsigned Indent) {
  OS << "graph @" << quoteIfNeeded(G.getName(), true) << '(';
  for (size_t I = 0; I < G.getInputs().size(); ++I) {
    const Value *V = G.getInputs()[I];
    OS << (I ? ", " : "");
    ref(V);
    OS << ": ";
    type(V->getType());
  }
  OS << ')';
  if (!G.getDocString().empty())
    OS << " doc " << quoteString(G.getDocString());
  OS << " {\n";
  std::vector<const Value *> Inits;
  for (const Value *V : G.getInputs())
    if (V->hasData())
      Inits.push_back(V);
  const auto &Nodes = G.getNodes();
  size_t NumInits = Inits.size() + G.getInitializers().size();
  lines(NumInits + Nodes.size(), [&](Printer &P, size_t I) {
    if (I >= NumInits)
      P.node(*Nodes[I - NumInits], Indent + 2);
    else if (I < Inits.size())
      P.initLine(Inits[I], Indent + 2);
    else
      P.initLine(G.getInitializers()[I - Inits.size()], Indent + 2);
  });
  pad(Indent + 2);
  OS << "return";
  for (size_t I = 0; I < G.getOutputs().size(); ++I) {
    OS << (I ? ", " : " ");
    ref(G.getOutputs()[I]);
  }
  OS << '\n';
  pad(Indent);
  OS << '}';
}

void Printer::initLine(const Value *V, unsigned Indent) {
  pad(Indent);
  ref(V);
  OS << " = init ";
  tensor(V->getData());
  OS << '\n';
}

void Printer::lines(size_t Count,
                    llvm::function_ref<void(Printer &, size_t)> Line) {
  // Below a few blocks, threads cost more than they save.
  constexpr size_t Block = 4096;
  if (!MayFork || Count < 4 * Block || threadsFor(Opts.Threads) <= 1) {
    for (size_t I = 0; I < Count; ++I)
      Line(*this, I);
    return;
  }
  // Nested graphs print on their node's thread.
  parallelBlocks((Count + Block - 1) / Block, Opts.Threads,
                 [&](size_t B, std::string &Text) {
                   llvm::raw_string_ostream BOS(Text);
                   BOS.SetBuffered();
                   Printer P(BOS, Opts);
                   for (size_t I = B * Block, E = std::min(Count, I + Block);
                        I < E; ++I)
                     Line(P, I);
                   BOS.flush();
                 },
                 [&](llvm::StringRef Text) { OS << Text; });
}

void Printer::node(const Node &N, unsigned Indent) {
  pad(Indent);
  const auto &Results = N.getResults();
  for (size_t I = 0; I < Results.size(); ++I) {
    OS << (I ? ", " : "");
    if (Results[I])
      ref(Results[I]);
    else
      OS << '_';
  }
  if (!Results.empty())
    OS << " = ";
  opName(N);
  OS << '(';
  for (size_t I = 0; I < N.getNumOperands(); ++I) {
    const Value *V = N.getOperand(I);
    OS << (I ? ", " : "");
    if (V)
      ref(V);
    else
      OS << '_';
  }
  OS << ')';
  if (!N.getAttrs().empty()) {
    OS << ' ';
    dict(N.getAttrs(), Indent);
  }
  if (!Results.empty()) {
    OS << " : ";
    if (Results.size() > 1)
      OS << '(';
    for (size_t I = 0; I < Results.size(); ++I) {
      OS << (I ? ", " : "");
      if (Results[I])
        type(Results[I]->getType());
      else
        OS << '_';
    }
    if (Results.size() > 1)
      OS << ')';
  }
  OS << " loc(";
  quoted(N.getName());
  OS << ')';
  if (!N.getDocString().empty())
    OS << " doc " << quoteString(N.getDocString());
  OS << '\n';
}

void Printer::dict(const AttrDict &D, unsigned Indent) {
  OS << '{';
  bool First = true;
  for (const auto &[Key, A] : D) {
    OS << (First ? "" : ", ");
    ident(Key, false);
    OS << " = ";
    attr(A, Indent);
    First = false;
  }
  OS << '}';
}

void Printer::type(const Type &T) {
  if (!T.isTensor()) {
    OS << T.str();
    return;
  }
  OS << T.getElementType().str();
  if (!T.hasRank())
    return;
  OS << '[';
  bool First = true;
  for (const Dim &D : T.getShape()) {
    OS << (First ? "" : ",");
    First = false;
    if (D.isKnown())
      writeInt(OS, D.getValue());
    else if (D.isSymbol())
      ident(D.getSymbol(), /*AllowLeadingDigit=*/false);
    else
      OS << '?';
  }
  OS << ']';
}

void Printer::attr(const Attribute &A, unsigned Indent) {
  using K = Attribute::Kind;
  switch (A.getKind()) {
  case K::Int:
    writeInt(OS, A.getInt());
    return;
  case K::Float:
    writeReal(OS, A.getFloat());
    return;
  case K::Double:
    writeReal(OS, A.getDouble());
    OS << " : f64";
    return;
  case K::String:
    OS << quoteString(A.getString());
    return;
  case K::Tensor:
    tensor(A.getTensor());
    return;
  case K::Graph:
    graph(*A.getGraph(), Indent + 2);
    return;
  case K::Type:
    OS << "type<" << A.getType().str() << '>';
    return;
  case K::Ints:
    list(A.getInts(), "ints", [&](int64_t V) { writeInt(OS, V); });
    return;
  case K::Floats:
    list(A.getFloats(), "floats", [&](float V) { writeReal(OS, V); });
    return;
  case K::Strings:
    list(A.getStrings(), "strings",
         [&](const std::string &V) { OS << quoteString(V); });
    return;
  case K::Tensors:
    list(A.getTensors(), "tensors", [&](const Tensor &T) { tensor(T); });
    return;
  case K::Graphs:
    list(A.getGraphs(), "graphs",
         [&](const std::shared_ptr<Graph> &G) { graph(*G, Indent + 2); });
    return;
  case K::Types:
    list(A.getTypes(), "types",
         [&](const Type &T) { OS << "type<" << T.str() << '>'; });
    return;
  case K::Dict:
    dict(A.getDict(), Indent);
    return;
  }
}

void Printer::denseValues(const Tensor &T, int64_t N) {
  ElementType E = T.getType().getElementType();
  OS << '[';
  for (int64_t I = 0; I < N; ++I) {
    if (I)
      OS << ", ";
    if (E.getKind() == ElementType::Kind::Float && E.getWidth() == 32)
      writeReal(OS, float(T.getDouble(I)));
    else if (E.getKind() == ElementType::Kind::Float)
      writeReal(OS, T.getDouble(I));
    else
      writeInt(OS, T.getInt(I));
  }
  OS << ']';
}

void Printer::tensor(const Tensor &T) {
  OS << "dense<";
  type(T.getType());
  OS << ", ";
  switch (T.getStorage()) {
  case Tensor::Storage::Elided:
    OS << "elided>";
    return;
  case Tensor::Storage::External: {
    const ExternalRef &R = T.getExternal();
    OS << "external(" << quoteString(R.Location) << ", offset = " << R.Offset;
    if (R.Length >= 0)
      OS << ", length = " << R.Length;
    OS << ")>";
    return;
  }
  case Tensor::Storage::Inline:
    break;
  }
  ElementType E = T.getType().getElementType();
  llvm::StringRef Bytes = cantFail(T.getBytes());
  int64_t N = E.getKind() == ElementType::Kind::String
                  ? int64_t(T.getStrings().size())
                  : (E.getByteSize() ? int64_t(Bytes.size() / E.getByteSize())
                                     : int64_t(Bytes.size()));
  bool Elide = Opts.ElideElementsAbove >= 0 && N > Opts.ElideElementsAbove;
  if (E.getKind() == ElementType::Kind::String) {
    if (Elide) {
      OS << "elided>";
      return;
    }
    list(T.getStrings(), "strings",
         [&](const std::string &S) { OS << quoteString(S); });
  } else if (Elide) {
    OS << "elided";
  } else if (E.hasListForm() && N <= 16 &&
             int64_t(Bytes.size()) == N * int64_t(E.getByteSize())) {
    denseValues(T, N);
  } else {
    OS << "0x" << llvm::toHex(Bytes);
  }
  OS << '>';
}

void hcm::printModule(const Module &M, llvm::raw_ostream &OS,
                      const PrintOptions &Opts) {
  Printer::forModule(OS, Opts).module(M);
}

std::string hcm::printModuleToString(const Module &M,
                                     const PrintOptions &Opts) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  printModule(M, OS, Opts);
  return OS.str();
}

void hcm::printAttribute(const Attribute &A, llvm::raw_ostream &OS,
                         const PrintOptions &Opts, unsigned Indent) {
  Printer(OS, Opts).attr(A, Indent);
}

void hcm::printTensor(const Tensor &T, llvm::raw_ostream &OS,
                      const PrintOptions &Opts) {
  Printer(OS, Opts).tensor(T);
}
