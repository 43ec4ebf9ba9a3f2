//===- OpInfo.cpp - What hcm knows about each operator --------------------===//
#include "hcm/IR/OpInfo.h"

#include "hcm/IR/Node.h"

#include "llvm/ADT/StringMap.h"

using namespace hcm;

namespace {

enum class Domains { Onnx, OnnxMs, Qonnx };

using namespace opflag;

struct Entry {
  Domains D;
  OpInfo Info;
};

const Entry Table[] = {
#define HCM_OP(DOMAINS, NAME, CLASS, KIND, ACT, WEIGHT, BIAS, FLAGS)           \
  {Domains::DOMAINS,                                                           \
   {#NAME, OpClass::CLASS, HCM_IS_##KIND, HCM_KIND_##KIND, ACT, WEIGHT, BIAS,  \
    FLAGS}},
#define HCM_IS_None false
#define HCM_IS_Conv true
#define HCM_IS_ConvTranspose true
#define HCM_IS_Gemm true
#define HCM_IS_MatMul true
#define HCM_IS_LSTM true
#define HCM_IS_GRU true
#define HCM_IS_RNN true
#define HCM_KIND_None LayerKind::Conv
#define HCM_KIND_Conv LayerKind::Conv
#define HCM_KIND_ConvTranspose LayerKind::ConvTranspose
#define HCM_KIND_Gemm LayerKind::Gemm
#define HCM_KIND_MatMul LayerKind::MatMul
#define HCM_KIND_LSTM LayerKind::LSTM
#define HCM_KIND_GRU LayerKind::GRU
#define HCM_KIND_RNN LayerKind::RNN
#include "hcm/IR/OpInfo.def"
};

bool domainMatches(Domains D, llvm::StringRef Domain) {
  switch (D) {
  case Domains::Onnx:
    return isDefaultDomain(Domain);
  case Domains::OnnxMs:
    return isDefaultDomain(Domain) || Domain == "com.microsoft";
  case Domains::Qonnx:
    return isQonnxDomain(Domain);
  }
  return false;
}

} // namespace

bool hcm::isDefaultDomain(llvm::StringRef Domain) {
  return Domain.empty() || Domain == "ai.onnx";
}

bool hcm::isQonnxDomain(llvm::StringRef Domain) {
  return Domain == "qonnx.custom_op.general" ||
         Domain == "finn.custom_op.general" || Domain == "finn";
}

const OpInfo *hcm::lookupOp(llvm::StringRef Domain, llvm::StringRef Op) {
  static const llvm::StringMap<std::vector<const Entry *>> ByName = [] {
    llvm::StringMap<std::vector<const Entry *>> M;
    for (const Entry &E : Table)
      M[E.Info.Name].push_back(&E);
    return M;
  }();
  auto It = ByName.find(Op);
  if (It == ByName.end())
    return nullptr;
  for (const Entry *E : It->second)
    if (domainMatches(E->D, Domain))
      return &E->Info;
  return nullptr;
}

llvm::StringRef hcm::loweredFrom(const Node &N) {
  if (!N.is("PEConv", "hcm"))
    return "";
  const Attribute *A = N.getAttr(PEAttrKey);
  if (!A || A->getKind() != Attribute::Kind::Dict)
    return "";
  auto It = A->getDict().find("orig");
  if (It == A->getDict().end() ||
      It->second.getKind() != Attribute::Kind::String)
    return "";
  return It->second.getString();
}

llvm::StringRef hcm::effectiveOpType(const Node &N) {
  return N.is("PEConv", "hcm") ? loweredFrom(N)
                               : llvm::StringRef(N.getOpType());
}

const OpInfo *hcm::lookupOp(const Node &N) {
  if (N.OpLooked)
    return N.KnownOp;
  if (N.is("PEConv", "hcm")) {
    const OpInfo *I = lookupOp("", loweredFrom(N));
    N.KnownOp = I && I->IsCompute ? I : nullptr;
  } else {
    N.KnownOp = lookupOp(N.getDomain(), N.getOpType());
  }
  N.OpLooked = true;
  return N.KnownOp;
}
