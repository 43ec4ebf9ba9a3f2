//===- ShapeValues.cpp - Evaluating shape subgraphs, symbols kept ---------===//
//
// The evaluator behind canonicalize's shape folding (ShapeValues.h). Every op
// is evaluated on 1-D (or scalar) integer tensors only; elements are Dims, so
// Shape(x) of f32[N,116,28,28] is [N, 116, 28, 28] and Gather(.., 1) of it is
// the known 116 even though the batch is symbolic. Arithmetic needs known
// operands except for the identities x*1, x+0, x-0, x/1, which keep the
// symbol. Both forms of Slice are read: inputs (opset >= 10) and attributes
// (opset 1-9, as paddle2onnx writes).
//
//===----------------------------------------------------------------------===//
#include "ShapeValues.h"

#include "hcm/IR/Node.h"
#include "hcm/IR/Tensor.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>

using namespace hcm;

namespace {

/// Known integers as Dims. A Dim is known only when >= 0, so negative
/// values (the -1 of a Reshape target) are spelled as symbols "#<v>", which
/// no model can spell; they never leave this file.
Dim intDim(int64_t V) {
  return V >= 0 ? Dim::known(V) : Dim::symbol("#" + std::to_string(V));
}

/// The integer of \p D when it is known (including the negative encoding).
std::optional<int64_t> intOf(const Dim &D) {
  if (D.isKnown())
    return D.getValue();
  if (D.isSymbol() && D.getSymbol().size() > 1 && D.getSymbol()[0] == '#')
    return std::stoll(D.getSymbol().substr(1));
  return std::nullopt;
}

} // namespace

bool SymTensor::allKnown() const {
  return std::all_of(Vals.begin(), Vals.end(),
                     [](const Dim &D) { return intOf(D).has_value(); });
}

std::vector<int64_t> SymTensor::ints() const {
  std::vector<int64_t> R;
  for (const Dim &D : Vals)
    R.push_back(intOf(D).value_or(0));
  return R;
}

namespace {

bool isTrueSymbol(const Dim &D) { return D.isSymbol() && !intOf(D); }

SymTensor fromInts(const std::vector<int64_t> &V, std::vector<int64_t> Dims) {
  SymTensor T;
  for (int64_t I : V)
    T.Vals.push_back(intDim(I));
  T.Dims = std::move(Dims);
  return T;
}

SymTensor vec(std::vector<Dim> Vals) {
  SymTensor T;
  T.Dims = {int64_t(Vals.size())};
  T.Vals = std::move(Vals);
  return T;
}

std::optional<int64_t> scalarOf(const SymTensor *T) {
  if (!T || T->Vals.size() != 1)
    return std::nullopt;
  return intOf(T->Vals[0]);
}

std::optional<std::vector<int64_t>> intsOf(const SymTensor *T) {
  if (!T)
    return std::nullopt;
  std::vector<int64_t> R;
  for (const Dim &D : T->Vals) {
    auto I = intOf(D);
    if (!I)
      return std::nullopt;
    R.push_back(*I);
  }
  return R;
}

int64_t clampIndex(int64_t I, int64_t Size, bool End) {
  if (I < 0)
    I += Size;
  return std::clamp<int64_t>(I, End ? -1 : 0, End ? Size : Size - 1);
}

/// Slice of \p X along its first axis (the elements of a 1-D tensor, the
/// rows of a matrix: torch's F.pad computes its pads on a [rank, 2] tensor).
std::optional<SymTensor> sliceVec(const SymTensor &X, int64_t B, int64_t E,
                                  int64_t Step) {
  if (X.Dims.empty() || Step == 0 || X.Dims[0] <= 0)
    return std::nullopt;
  int64_t Size = X.Dims[0];
  int64_t Row = int64_t(X.Vals.size()) / Size;
  std::vector<int64_t> Rows;
  if (Step > 0) {
    B = std::clamp<int64_t>(B < 0 ? B + Size : B, 0, Size);
    E = std::clamp<int64_t>(E < 0 ? E + Size : E, 0, Size);
    for (int64_t I = B; I < E; I += Step)
      Rows.push_back(I);
  } else {
    B = clampIndex(B, Size, false);
    E = E < -Size ? -1 : clampIndex(E, Size, true);
    for (int64_t I = B; I > E; I += Step)
      Rows.push_back(I);
  }
  SymTensor T;
  T.Dims = X.Dims;
  T.Dims[0] = Rows.size();
  for (int64_t R : Rows)
    T.Vals.insert(T.Vals.end(), X.Vals.begin() + R * Row,
                  X.Vals.begin() + (R + 1) * Row);
  return T;
}

/// Transpose of a matrix (perm [1, 0]); identity perms of any rank.
std::optional<SymTensor> transpose(const Node &N, const SymTensor *X) {
  if (!X)
    return std::nullopt;
  std::vector<int64_t> Perm = N.getIntsAttr("perm").value_or(
      X->Dims.size() == 2 ? std::vector<int64_t>{1, 0}
                          : std::vector<int64_t>{});
  bool Identity = Perm.size() == X->Dims.size();
  for (size_t I = 0; I < Perm.size(); ++I)
    Identity &= Perm[I] == int64_t(I);
  if (Identity)
    return *X;
  if (X->Dims.size() != 2 || Perm != std::vector<int64_t>{1, 0})
    return std::nullopt;
  int64_t R = X->Dims[0], C = X->Dims[1];
  SymTensor T;
  T.Dims = {C, R};
  for (int64_t J = 0; J < C; ++J)
    for (int64_t I = 0; I < R; ++I)
      T.Vals.push_back(X->Vals[I * C + J]);
  return T;
}

/// One element of an elementwise op; unknown when it cannot be computed.
Dim arith(llvm::StringRef Op, const Dim &A, const Dim &B) {
  auto IA = intOf(A), IB = intOf(B);
  if (IA && IB) {
    int64_t X = *IA, Y = *IB;
    if (Op == "Add")
      return intDim(X + Y);
    if (Op == "Sub")
      return intDim(X - Y);
    if (Op == "Mul")
      return intDim(X * Y);
    if (Op == "Min")
      return intDim(std::min(X, Y));
    if (Op == "Max")
      return intDim(std::max(X, Y));
    if (Op == "Equal")
      return intDim(X == Y);
    if (Op == "Less")
      return intDim(X < Y);
    if (Op == "Greater")
      return intDim(X > Y);
    if (Y == 0)
      return Dim::unknown();
    if (Op == "Div") // integer Div truncates (ONNX follows C here)
      return intDim(X / Y);
    if (Op == "Mod")
      return intDim(((X % Y) + Y) % Y);
    return Dim::unknown();
  }
  // Identities keep a symbol: N*1, N+0, N-0, N/1.
  if (isTrueSymbol(A) && IB &&
      ((*IB == 1 && (Op == "Mul" || Op == "Div")) ||
       (*IB == 0 && (Op == "Add" || Op == "Sub"))))
    return A;
  if (isTrueSymbol(B) && IA &&
      ((*IA == 1 && Op == "Mul") || (*IA == 0 && Op == "Add")))
    return B;
  if (Op == "Equal" && isTrueSymbol(A) && isTrueSymbol(B) &&
      A.getSymbol() == B.getSymbol())
    return Dim::known(1);
  return Dim::unknown();
}

/// The numpy broadcast of \p A and \p B (aligned at their last dims), and
/// for every element of it the element of each operand it reads; nullopt
/// when the dims do not broadcast or the result is too large to keep.
struct Broadcast {
  std::vector<int64_t> Dims;
  std::vector<size_t> FromA, FromB;
};
std::optional<Broadcast> broadcast(const std::vector<int64_t> &A,
                                   const std::vector<int64_t> &B) {
  size_t R = std::max(A.size(), B.size());
  auto At = [&](const std::vector<int64_t> &D, size_t I) {
    return I + D.size() < R ? int64_t(1) : D[I + D.size() - R];
  };
  Broadcast Out;
  size_t Count = 1;
  for (size_t I = 0; I < R; ++I) {
    int64_t X = At(A, I), Y = At(B, I);
    if (X != Y && X != 1 && Y != 1)
      return std::nullopt;
    Out.Dims.push_back(std::max(X, Y));
    Count *= size_t(Out.Dims.back());
    if (Count > MaxSymElements)
      return std::nullopt;
  }
  for (size_t E = 0; E < Count; ++E) {
    // Row-major index of element E, mapped into each operand (size-1 dims
    // repeat).
    size_t Rest = E, IA = 0, IB = 0, SA = 1, SB = 1;
    for (size_t I = R; I-- > 0;) {
      size_t Pos = Rest % size_t(Out.Dims[I]);
      Rest /= size_t(Out.Dims[I]);
      int64_t X = At(A, I), Y = At(B, I);
      IA += (X == 1 ? 0 : Pos) * SA;
      IB += (Y == 1 ? 0 : Pos) * SB;
      SA *= size_t(X);
      SB *= size_t(Y);
    }
    Out.FromA.push_back(IA);
    Out.FromB.push_back(IB);
  }
  return Out;
}

/// Elementwise binary op with numpy broadcasting ([7,1,49] - [7,49,1] is
/// [7,49,49], not 343 pairs).
std::optional<SymTensor> binary(llvm::StringRef Op, const SymTensor *A,
                                const SymTensor *B) {
  if (!A || !B)
    return std::nullopt;
  auto BC = broadcast(A->Dims, B->Dims);
  if (!BC || BC->FromA.empty() ||
      *std::max_element(BC->FromA.begin(), BC->FromA.end()) >= A->Vals.size() ||
      *std::max_element(BC->FromB.begin(), BC->FromB.end()) >= B->Vals.size())
    return std::nullopt;
  SymTensor T;
  T.Dims = BC->Dims;
  for (size_t I = 0; I < BC->FromA.size(); ++I)
    T.Vals.push_back(arith(Op, A->Vals[BC->FromA[I]], B->Vals[BC->FromB[I]]));
  return T;
}

std::optional<SymTensor> shapeOf(const Node &N) {
  const Value *X = N.getOperand(0);
  if (!X || !X->getType().isTensor() || !X->getType().hasRank())
    return std::nullopt;
  const Shape &S = X->getType().getShape();
  int64_t R = S.size();
  auto Norm = [&](int64_t I) {
    return std::clamp<int64_t>(I < 0 ? I + R : I, 0, R);
  };
  int64_t Start = Norm(N.getIntAttr("start", 0));
  int64_t End = Norm(N.getIntAttr("end", R));
  std::vector<Dim> Out;
  for (int64_t I = Start; I < End; ++I)
    Out.push_back(S[I]);
  return vec(std::move(Out));
}

std::optional<SymTensor> gather(const Node &N, const SymTensor *Data,
                                const SymTensor *Idx) {
  auto I = intsOf(Idx);
  if (!Data || !I || Data->Dims.size() != 1 || N.getIntAttr("axis", 0) != 0)
    return std::nullopt;
  SymTensor T;
  T.Dims = Idx->Dims;
  int64_t Size = Data->Vals.size();
  for (int64_t J : *I) {
    J = J < 0 ? J + Size : J;
    if (J < 0 || J >= Size)
      return std::nullopt;
    T.Vals.push_back(Data->Vals[J]);
  }
  return T;
}

/// Slice of a 1-D tensor; starts/ends/axes/steps from inputs or attributes.
std::optional<SymTensor> slice(const Node &N,
                               llvm::ArrayRef<const SymTensor *> In) {
  if (In.empty() || !In[0])
    return std::nullopt;
  std::optional<std::vector<int64_t>> Starts, Ends, Axes, Steps;
  if (N.getNumOperands() == 1) { // opset 1-9
    Starts = N.getIntsAttr("starts");
    Ends = N.getIntsAttr("ends");
    Axes = N.getIntsAttr("axes");
  } else {
    if (In.size() < 3)
      return std::nullopt;
    Starts = intsOf(In[1]);
    Ends = intsOf(In[2]);
    if (In.size() > 3 && N.getOperand(3))
      Axes = intsOf(In[3]);
    if (In.size() > 4 && N.getOperand(4))
      Steps = intsOf(In[4]);
  }
  if (!Starts || !Ends || Starts->size() != 1 || Ends->size() != 1)
    return std::nullopt;
  int64_t Rank = In[0]->Dims.size();
  if (Axes && (Axes->size() != 1 || ((*Axes)[0] != 0 && (*Axes)[0] != -Rank)))
    return std::nullopt;
  int64_t Step = Steps && Steps->size() == 1 ? (*Steps)[0] : 1;
  return sliceVec(*In[0], (*Starts)[0], (*Ends)[0], Step);
}

std::optional<SymTensor> concat(llvm::ArrayRef<const SymTensor *> In) {
  std::vector<Dim> Out;
  for (const SymTensor *T : In) {
    if (!T || T->Dims.size() != 1)
      return std::nullopt;
    Out.insert(Out.end(), T->Vals.begin(), T->Vals.end());
  }
  return vec(std::move(Out));
}

/// Unsqueeze/Squeeze/Reshape/Flatten/Identity/Cast: values unchanged, new
/// dims (from the result's static type, else 1-D, else scalar).
std::optional<SymTensor> relabel(const Node &N, const SymTensor *X) {
  if (!X)
    return std::nullopt;
  SymTensor T = *X;
  const Value *Y = N.getResult(0);
  if (Y && Y->getType().isTensor() && Y->getType().hasStaticShape()) {
    T.Dims.clear();
    for (const Dim &D : Y->getType().getShape())
      T.Dims.push_back(D.getValue());
  } else if (N.is("Unsqueeze") && X->Dims.empty()) {
    T.Dims = {1};
  } else if (N.is("Squeeze") && X->Dims.size() == 1 && X->Vals.size() == 1) {
    T.Dims = {};
  } else if (!N.is("Cast") && !N.is("Identity")) {
    return std::nullopt;
  }
  return T;
}

std::optional<SymTensor> range(llvm::ArrayRef<const SymTensor *> In) {
  if (In.size() != 3)
    return std::nullopt;
  auto S = scalarOf(In[0]), L = scalarOf(In[1]), D = scalarOf(In[2]);
  if (!S || !L || !D || *D == 0)
    return std::nullopt;
  std::vector<int64_t> V;
  for (int64_t X = *S; *D > 0 ? X < *L : X > *L; X += *D) {
    if (V.size() >= MaxSymElements)
      return std::nullopt;
    V.push_back(X);
  }
  return fromInts(V, {int64_t(V.size())});
}

std::optional<SymTensor> constantOfShape(const Node &N, const SymTensor *S) {
  auto Dims = intsOf(S);
  if (!Dims)
    return std::nullopt;
  int64_t Count = 1;
  for (int64_t D : *Dims) {
    if (D < 0 || (D && Count > int64_t(MaxSymElements) / D))
      return std::nullopt;
    Count *= D;
  }
  int64_t Fill = 0;
  if (const Attribute *A = N.getAttr("value")) {
    if (A->getKind() != Attribute::Kind::Tensor)
      return std::nullopt;
    auto V = A->getTensor().getInts();
    if (!V || V->size() != 1)
      return std::nullopt; // float fill values are not shape data
    Fill = (*V)[0];
  }
  return fromInts(std::vector<int64_t>(Count, Fill), *Dims);
}

/// Expand of a small tensor to a 1-D target (broadcasting its one element
/// or keeping its size).
std::optional<SymTensor> expand(const SymTensor *X, const SymTensor *S) {
  auto Dims = intsOf(S);
  if (!X || !Dims || Dims->size() > 1 || X->Dims.size() > 1)
    return std::nullopt;
  int64_t Want = Dims->empty() ? 1 : (*Dims)[0];
  if (X->Vals.size() == size_t(Want) || Want == 1)
    return X->Dims.empty() ? vec(X->Vals) : *X;
  if (X->Vals.size() != 1 || Want < 0 || Want > int64_t(MaxSymElements))
    return std::nullopt;
  return vec(std::vector<Dim>(Want, X->Vals[0]));
}

std::optional<SymTensor> where(llvm::ArrayRef<const SymTensor *> In) {
  if (In.size() != 3 || !In[0] || !In[1] || !In[2])
    return std::nullopt;
  auto C = intsOf(In[0]);
  if (!C)
    return std::nullopt;
  size_t N = std::max({C->size(), In[1]->Vals.size(), In[2]->Vals.size()});
  // One-element operands broadcast; the others must have the same dims
  // (numpy broadcasting between them is not followed).
  const std::vector<int64_t> *Dims = nullptr;
  for (const SymTensor *T : In) {
    if (T->Vals.size() == 1)
      continue;
    if (T->Vals.size() != N || (Dims && *Dims != T->Dims))
      return std::nullopt;
    Dims = Dims ? Dims : &T->Dims;
  }
  SymTensor T;
  for (size_t I = 0; I < N; ++I) {
    const SymTensor *Pick = (*C)[C->size() == 1 ? 0 : I] ? In[1] : In[2];
    T.Vals.push_back(Pick->Vals[Pick->Vals.size() == 1 ? 0 : I]);
  }
  T.Dims = Dims ? *Dims : std::vector<int64_t>{int64_t(N)};
  if (N == 1 && In[1]->Dims.empty() && In[2]->Dims.empty())
    T.Dims = {};
  return T;
}

} // namespace

const SymTensor *ShapeEvaluator::get(const Value *V) {
  if (!V)
    return nullptr;
  auto It = Memo.find(V);
  if (It != Memo.end())
    return It->second ? &*It->second : nullptr;
  // Values without data are known only once their node was evaluated: a
  // miss is not memoized (one entry per graph value was most of the cost).
  if (!V->hasData())
    return nullptr;
  std::optional<SymTensor> T;
  if (V->getType().isTensor() && V->getType().hasStaticShape()) {
    auto Count = V->getType().getNumElements();
    if (Count && size_t(*Count) <= MaxSymElements)
      if (auto Ints = V->getData().getInts()) {
        std::vector<int64_t> Dims;
        for (const Dim &D : V->getType().getShape())
          Dims.push_back(D.getValue());
        T = fromInts(*Ints, Dims);
      }
  }
  auto &Slot = Memo[V];
  Slot = std::move(T);
  return Slot ? &*Slot : nullptr;
}

const SymTensor *ShapeEvaluator::evaluate(const Node &N) {
  const Value *Y = N.getResult(0);
  if (!Y)
    return nullptr;
  std::optional<SymTensor> R = evalNode(N);
  if (!R || R->Vals.size() > MaxSymElements) {
    Memo.erase(Y);
    return nullptr;
  }
  auto &Slot = Memo[Y];
  Slot = std::move(R);
  return &*Slot;
}

std::optional<SymTensor> ShapeEvaluator::evalNode(const Node &N) {
  if (!N.getDomain().empty() && N.getDomain() != "ai.onnx")
    return std::nullopt;
  if (N.is("Shape"))
    return shapeOf(N);
  if (N.is("Size")) {
    const Value *X = N.getOperand(0);
    if (X && X->getType().isTensor())
      if (auto C = X->getType().getNumElements()) {
        SymTensor T = fromInts({*C}, {});
        return T;
      }
    return std::nullopt;
  }
  llvm::SmallVector<const SymTensor *, 4> In;
  bool AnyKnown = false;
  for (const Value *V : N.getOperands()) {
    In.push_back(get(V));
    AnyKnown |= In.back() != nullptr;
  }
  // Every rule below needs a known operand (Shape and Size, above, read
  // types): a Conv or Relu stops here.
  if (!In.empty() && !AnyKnown)
    return std::nullopt;
  const SymTensor *A = In.empty() ? nullptr : In[0];
  llvm::StringRef Op = N.getOpType();
  if (Op == "Gather" && In.size() == 2)
    return gather(N, A, In[1]);
  if (Op == "Slice")
    return slice(N, In);
  if (Op == "Concat")
    return concat(In);
  if (Op == "Transpose")
    return transpose(N, A);
  if (Op == "Unsqueeze" || Op == "Squeeze" || Op == "Cast" ||
      Op == "Identity" || Op == "Reshape" || Op == "Flatten")
    return relabel(N, A);
  if (Op == "Range")
    return range(In);
  if (Op == "ConstantOfShape")
    return constantOfShape(N, A);
  if (Op == "Expand" && In.size() == 2)
    return expand(A, In[1]);
  if (Op == "Where")
    return where(In);
  if (Op == "Neg" && A) {
    SymTensor Zero = fromInts({0}, {});
    return binary("Sub", &Zero, A);
  }
  if (Op == "Abs" && A) {
    auto I = intsOf(A);
    if (!I)
      return std::nullopt;
    for (int64_t &X : *I)
      X = X < 0 ? -X : X;
    return fromInts(*I, A->Dims);
  }
  static const char *Binary[] = {"Add", "Sub", "Mul",   "Div",  "Mod",
                                 "Min", "Max", "Equal", "Less", "Greater"};
  for (const char *B : Binary)
    if (Op == B && In.size() == 2)
      return binary(Op, A, In[1]);
  return std::nullopt;
}

std::optional<Shape>
hcm::reshapeResult(const Shape &In, const SymTensor &Target, bool AllowZero) {
  Shape Out;
  int Infer = -1;
  for (size_t I = 0; I < Target.Vals.size(); ++I) {
    const Dim &D = Target.Vals[I];
    auto V = intOf(D);
    if (V && *V == 0 && !AllowZero) {
      if (I >= In.size())
        return std::nullopt;
      Out.push_back(In[I]);
    } else if (V && *V == -1) {
      if (Infer >= 0)
        return std::nullopt;
      Infer = I;
      Out.push_back(Dim::unknown());
    } else if (V && *V >= 0) {
      Out.push_back(Dim::known(*V));
    } else {
      Out.push_back(D.isSymbol() && !V ? D : Dim::unknown());
    }
  }
  if (Infer < 0)
    return Out;
  // -1: the input's elements over the others', symbols cancelling.
  std::vector<std::string> Syms;
  int64_t Num = 1, Den = 1;
  for (const Dim &D : In) {
    if (D.isKnown())
      Num *= D.getValue();
    else if (D.isSymbol())
      Syms.push_back(D.getSymbol());
    else
      return Out;
  }
  for (size_t I = 0; I < Out.size(); ++I) {
    if (int(I) == Infer)
      continue;
    const Dim &D = Out[I];
    if (D.isKnown()) {
      Den *= D.getValue();
    } else if (D.isSymbol()) {
      auto It = std::find(Syms.begin(), Syms.end(), D.getSymbol());
      if (It == Syms.end())
        return Out;
      Syms.erase(It);
    } else {
      return Out;
    }
  }
  if (Den == 0 || Num % Den)
    return Out;
  if (Syms.empty())
    Out[Infer] = Dim::known(Num / Den);
  else if (Syms.size() == 1 && Num == Den)
    Out[Infer] = Dim::symbol(Syms[0]);
  return Out;
}
