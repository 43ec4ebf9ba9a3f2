//===- QuantFromModel.cpp - Bitwidths the model states --------------------===//
//
// A compute layer's formats come from the model when:
//  - an operand is the output of DequantizeLinear (QDQ format): the format is
//    DQ's integer input type (an int8 initializer, or QuantizeLinear's output,
//    whose type is its zero point's, its `output_dtype`, else uint8);
//  - the output (possibly after Relu/pooling/reshapes) feeds QuantizeLinear;
//  - the op is QLinearConv / QLinearMatMul / ConvInteger / MatMulInteger: the
//    types of its operands (or of their zero points);
//  - an operand or the output passes a QONNX Quant (bitwidth input, `signed`
//    attribute), BipolarQuant (1 bit) or Trunc (output_bit_width input);
//  - an operand already has an integer type (a folded or integer graph).
// Data-movement ops that keep values on the quantization grid (Identity,
// Reshape, Flatten, Transpose, Squeeze, Unsqueeze, MaxPool, Relu, Dropout)
// are looked through.
//
//===----------------------------------------------------------------------===//
#include "QuantInternal.h"
#include "hcm/IR/OpInfo.h"

#include "hcm/Analysis/Quant.h"
#include "hcm/IR/Graph.h"
#include "hcm/Import/OnnxTypes.h"
#include "hcm/Import/QuantOps.h"

#include <cmath>
#include <cstdio>

using namespace hcm;

UseMap::UseMap(const Graph &G) {
  // Two walks: count each value's readers, then place them in one array
  // (a vector per value was an allocation per value).
  auto ForEachRead = [&](auto Fn) {
    G.walk([&](Node &N) {
      for (const Value *V : N.getOperands())
        if (V)
          Fn(V, &N);
      for (Graph *Sub : N.getSubgraphs())
        for (const Value *V : Sub->getOutputs())
          if (V)
            Fn(V, &N);
    });
  };
  size_t Reads = 0;
  ForEachRead([&](const Value *V, Node *) {
    ++Range[V].second;
    ++Reads;
  });
  size_t Next = 0;
  for (auto &KV : Range) {
    KV.second.first = Next;
    Next += KV.second.second;
    KV.second.second = 0;
  }
  Flat.resize(Reads);
  ForEachRead([&](const Value *V, Node *N) {
    auto &R = Range[V];
    Flat[R.first + R.second++] = N;
  });
}

llvm::ArrayRef<Node *> UseMap::users(const Value *V) const {
  auto It = Range.find(V);
  if (It == Range.end())
    return {};
  return llvm::makeArrayRef(Flat).slice(It->second.first, It->second.second);
}

namespace {

constexpr unsigned MaxLookThrough = 32;

/// Ops that keep values on their quantization grid (OpInfo.def: Grid).
bool isPassThrough(const Node &N) {
  const OpInfo *I = lookupOp(N);
  return isDefaultDomain(N.getDomain()) && I && I->has(opflag::Grid);
}

std::optional<ElementType> intTypeOf(const Value *V) {
  if (!V || !V->getType().isTensor())
    return std::nullopt;
  ElementType E = V->getType().getElementType();
  if (!E.isInteger())
    return std::nullopt;
  return E;
}

/// The data of a constant value: an initializer, or a Constant node's value.
const Tensor *constantData(const Value *V) {
  if (!V)
    return nullptr;
  if (V->hasData())
    return &V->getData();
  const Node *P = V->getProducer();
  if (P && P->is("Constant"))
    if (const Attribute *A = P->getAttr("value"))
      if (A->getKind() == Attribute::Kind::Tensor)
        return &A->getTensor();
  return nullptr;
}

class ModelReader {
public:
  ModelReader(const Module &M, const UseMap &Uses) : M(M), Uses(Uses) {}

  /// The format QuantizeLinear \p Q produces.
  ElementType quantizeFormat(const Node &Q) {
    if (std::optional<ElementType> ZP = intTypeOf(Q.getOperand(2)))
      return *ZP;
    int64_t DType = Q.getIntAttr("output_dtype", 0);
    if (DType != 0) {
      ElementType E = fromOnnxElemType(int32_t(DType));
      if (E.isInteger())
        return E;
    }
    if (std::optional<ElementType> Out = intTypeOf(Q.getResult(0)))
      return *Out;
    return ElementType::integer(8, false); // ONNX's default: uint8
  }

  /// The integer format DequantizeLinear \p DQ reads.
  llvm::Expected<ElementType> dequantizeFormat(const Node &DQ) {
    const Value *In = DQ.getOperand(0);
    if (std::optional<ElementType> E = intTypeOf(In))
      return *E;
    if (In && In->getProducer() && isQuantizeLinear(*In->getProducer()))
      return quantizeFormat(*In->getProducer());
    if (std::optional<ElementType> ZP = intTypeOf(DQ.getOperand(2)))
      return *ZP;
    return nodeError(M, DQ, "cannot tell the integer type it dequantizes");
  }

  /// A constant integral bitwidth operand \p I of QONNX node \p Q.
  llvm::Expected<unsigned> constantBits(const Node &Q, size_t I,
                                        llvm::StringRef What) {
    const Value *V = Q.getOperand(I);
    const Tensor *T = constantData(V);
    std::string Name = V ? V->getName() : "";
    if (!T)
      return nodeError(M, Q, What + " input '" + Name + "' is not a constant");
    if (T->getType().getNumElements() != std::optional<int64_t>(1) ||
        !T->isInline())
      return nodeError(M, Q,
                       What + " input '" + Name +
                           "' must be a scalar constant with its value");
    double Bits = T->getDouble(0);
    if (!(Bits >= 1 && Bits <= MaxQuantBits) || Bits != std::floor(Bits)) {
      char Text[32];
      std::snprintf(Text, sizeof(Text), "%g", Bits);
      return nodeError(M, Q,
                       What + " " + Text +
                           " is out of range (integers take 1 to 32 bits)");
    }
    return unsigned(Bits);
  }

  llvm::Expected<ElementType> qonnxFormat(const Node &Q) {
    if (Q.getOpType() == "BipolarQuant")
      return ElementType::integer(1, true);
    bool Signed = Q.getIntAttr("signed", 1) != 0;
    bool IsTrunc = Q.getOpType() == "Trunc";
    auto Bits = constantBits(Q, IsTrunc ? 4 : 3,
                             IsTrunc ? "output_bit_width" : "bitwidth");
    if (!Bits)
      return Bits.takeError();
    return ElementType::integer(*Bits, Signed);
  }

  /// Walks back from operand \p V to a quantizer.
  llvm::Expected<std::optional<RoleFormat>> trace(const Value *V) {
    for (unsigned Step = 0; V && Step < MaxLookThrough; ++Step) {
      if (std::optional<ElementType> E = intTypeOf(V))
        return RoleFormat{*E, "type"};
      const Node *P = V->getProducer();
      if (!P)
        break;
      if (isDequantizeLinear(*P)) {
        auto E = dequantizeFormat(*P);
        if (!E)
          return E.takeError();
        return RoleFormat{*E, "qdq"};
      }
      if (isQonnxQuantOp(*P)) {
        auto E = qonnxFormat(*P);
        if (!E)
          return E.takeError();
        return RoleFormat{*E, "qonnx"};
      }
      if (!isPassThrough(*P))
        break;
      V = P->getOperand(0);
    }
    return std::nullopt;
  }

  /// Walks forward from output \p V to the first quantizer (in use order).
  llvm::Expected<std::optional<RoleFormat>> traceForward(const Value *V) {
    for (unsigned Step = 0; V && Step < MaxLookThrough; ++Step) {
      const Value *Next = nullptr;
      for (const Node *U : Uses.users(V)) {
        if (isQuantizeLinear(*U) && U->getOperand(0) == V)
          return RoleFormat{quantizeFormat(*U), "qdq"};
        if (isQonnxQuantOp(*U) && U->getOperand(0) == V) {
          auto E = qonnxFormat(*U);
          if (!E)
            return E.takeError();
          return RoleFormat{*E, "qonnx"};
        }
        if (!Next && isPassThrough(*U) && U->getOperand(0) == V)
          Next = U->getResult(0);
      }
      V = Next;
    }
    return std::nullopt;
  }

  /// An operand's own type, else its zero point's.
  std::optional<ElementType> operandFormat(const Node &N, size_t Data,
                                           size_t ZeroPoint) {
    if (std::optional<ElementType> E = intTypeOf(N.getOperand(Data)))
      return E;
    return intTypeOf(N.getOperand(ZeroPoint));
  }

  llvm::Error fromQuantizedOp(const Layer &L, RoleFormats &F) {
    const Node &N = *L.N;
    llvm::StringRef Op = effectiveOpType(N);
    bool Integer = Op == "ConvInteger" || Op == "MatMulInteger";
    const char *Src = Integer ? "integer" : "qlinear";
    std::optional<ElementType> A, W, Out;
    if (Integer) {
      A = operandFormat(N, 0, 2);
      W = operandFormat(N, 1, 3);
      Out = intTypeOf(N.getResult(0));
    } else {
      A = operandFormat(N, 0, 2);
      W = operandFormat(N, 3, 5);
      Out = operandFormat(N, 7, 7);
      if (!Out)
        Out = intTypeOf(N.getResult(0));
    }
    if (!A || !W)
      return nodeError(M, N, "cannot tell the integer types of its inputs");
    F["a"] = {*A, Src};
    F["w"] = {*W, Src};
    if (Out)
      F["out"] = {*Out, Src};
    if (std::optional<ElementType> B = intTypeOf(L.bias()))
      F["b"] = {*B, Src};
    return llvm::Error::success();
  }

  llvm::Expected<RoleFormats> read(const Layer &L) {
    RoleFormats F;
    llvm::StringRef Op = effectiveOpType(*L.N);
    if (Op.startswith("QLinear") || Op.endswith("Integer")) {
      if (llvm::Error E = fromQuantizedOp(L, F))
        return E;
    } else {
      const std::pair<const char *, const Value *> Roles[] = {
          {"a", L.act()}, {"w", L.weight()}, {"b", L.bias()}};
      for (const auto &R : Roles) {
        if (!R.second)
          continue;
        auto Got = trace(R.second);
        if (!Got)
          return Got.takeError();
        if (*Got)
          F[R.first] = **Got;
      }
    }
    if (!F.count("out")) {
      auto Got = traceForward(L.out());
      if (!Got)
        return Got.takeError();
      if (*Got)
        F["out"] = **Got;
    }
    for (const auto &KV : F)
      if (KV.first != "b")
        if (std::optional<std::string> Bad = checkQuantFormat(KV.second.Format))
          return nodeError(M, *L.N,
                           "the model's " + KV.first + " format: " + *Bad);
    return F;
  }

private:
  const Module &M;
  const UseMap &Uses;
};

/// Ops whose output is non-negative whatever their input.
bool producesNonNegative(const Node &N) {
  const OpInfo *I = lookupOp(N);
  if (I && I->has(opflag::NonNeg))
    return true;
  if (N.getOpType() == "Clip") {
    const Tensor *Min = constantData(N.getOperand(1));
    return Min && Min->isInline() && Min->getDouble(0) >= 0;
  }
  std::string Act = N.getStringAttr("hcm.act");
  if (Act == "Relu" || Act == "Sigmoid" || Act == "HardSigmoid")
    return true;
  if (Act == "Clip")
    if (const Attribute *Min = N.getAttr("hcm.act_min"))
      return Min->getKind() == Attribute::Kind::Double && Min->getDouble() >= 0;
  return false;
}

/// Ops whose sign is that of their first (data) operand (OpInfo.def: Sign).
/// (Q and DQ: the stored format's sign is that of the quantized type.)
bool followsFirstOperand(const Node &N) {
  const OpInfo *I = lookupOp(N);
  return isDefaultDomain(N.getDomain()) && I && I->has(opflag::Sign);
}

/// \p Budget bounds the walk on graphs with many joins.
/// \p Exhausted is set when the answer depends on the budget running out
/// (then it is not cached).
bool nonNegative(const Value *V, unsigned &Budget, NonNegativeCache *Cache,
                 bool &Exhausted) {
  if (!V)
    return false;
  if (Cache) {
    auto It = Cache->find(V);
    if (It != Cache->end())
      return It->second;
  }
  if (Budget == 0) {
    Exhausted = true;
    return false;
  }
  --Budget;
  bool Sub = false;
  auto Answer = [&](bool R) {
    if (Cache && !Sub)
      (*Cache)[V] = R;
    return R;
  };
  if (std::optional<ElementType> E = intTypeOf(V))
    return Answer(!E->isSigned());
  const Node *P = V->getProducer();
  if (!P)
    return Answer(false);
  if (producesNonNegative(*P))
    return Answer(true);
  if (followsFirstOperand(*P)) {
    bool R = nonNegative(P->getOperand(0), Budget, Cache, Sub);
    Exhausted |= Sub;
    return Answer(R);
  }
  if (!P->is("Concat") && !P->is("Add") && !P->is("Max"))
    return Answer(false);
  // Sums, maxima and concatenations of non-negative values.
  for (const Value *In : P->getOperands())
    if (!nonNegative(In, Budget, Cache, Sub)) {
      Exhausted |= Sub;
      return Answer(false);
    }
  Exhausted |= Sub;
  return Answer(true);
}

} // namespace

bool hcm::isNonNegative(const Value *V, NonNegativeCache *Cache) {
  unsigned Budget = 256;
  bool Exhausted = false;
  return nonNegative(V, Budget, Cache, Exhausted);
}

llvm::Expected<RoleFormats> hcm::modelFormats(const Module &M, const Layer &L,
                                              const UseMap &Uses) {
  return ModelReader(M, Uses).read(L);
}
