//===- Traffic.cpp - The `traffic` analysis pass --------------------------===//
//
// Writes `hcm.traffic` (METRICS.md section 4, in bits, streaming regime, no
// reuse across layers): weights, inputs, outputs, total, OPS/bit, prefetch
// bits, line-buffer bits and the steady-state input bits per clock
// (n * ba * stride_h * stride_w; the report multiplies by a clock).
// Vector-unit ops move their non-constant inputs and their outputs, at the
// width each value is stored with (ours): the `out` format of the compute
// layer that produced it (looking back through other vector ops), else the
// `a` format of a compute layer that reads it, else its element type's width.
//
//===----------------------------------------------------------------------===//
#include "hcm/Support/Units.h"
#include "hcm/Analysis/Work.h"
#include "hcm/IR/Diag.h"
#include "hcm/IR/Graph.h"

#include "hcm/Pass/PassRegistry.h"
#include "llvm/Support/MathExtras.h"

#include "llvm/ADT/DenseMap.h"

using namespace hcm;

namespace {

class TrafficPass : public Pass {
public:
  TrafficPass() : Pass("traffic") {
    addOption("clock", Clock,
              "Clock for the steady-state input bandwidth (e.g. 800MHz)");
  }

  llvm::Error run(Module &M, PassContext &) override {
    auto Hz = parseFrequency(Clock);
    if (!Hz)
      return passError("option 'clock': " + llvm::toString(Hz.takeError()));
    ClockHz = *Hz;
    recordFormats(M);
    const Graph &G = M.getGraph();
    for (const auto &NPtr : G.getNodes()) {
      Node &N = *NPtr;
      N.removeAttr(TrafficAttrKey);
      CostClass C = classifyNode(N);
      if (C == CostClass::Compute && N.hasAttr(WorkAttrKey)) {
        if (llvm::Error E = layerTraffic(M, N))
          return E;
      } else if (C == CostClass::Vector) {
        if (llvm::Error E = vectorTraffic(M, N))
          return E;
      }
    }
    return llvm::Error::success();
  }

private:
  /// The width each compute layer reads its input and stores its output.
  void recordFormats(const Module &M) {
    Bits.clear();
    ReaderBits.clear();
    for (const auto &N : M.getGraph().getNodes()) {
      if (classifyNode(*N) != CostClass::Compute)
        continue;
      auto L = getLayer(M, *N);
      if (!L) {
        llvm::consumeError(L.takeError()); // bops has warned about it
        continue;
      }
      auto Q = quantOrTypes(M, *L);
      if (!Q) {
        llvm::consumeError(Q.takeError()); // reported by layerTraffic
        continue;
      }
      ReaderBits.try_emplace(L->act(), LayerQuant::bits(Q->A));
      Bits[L->out()] = LayerQuant::bits(Q->Out);
    }
  }

  llvm::Error layerTraffic(const Module &M, Node &N) {
    auto A = analyzeLayer(M, N);
    if (!A)
      return A.takeError();
    LayerTraffic &T = A->T;
    T.ClockHz = ClockHz;
    if (llvm::MulOverflow(T.InputBitsPerClock, ClockHz, T.InputBandwidth))
      return nodeError(M, N, "input bandwidth overflows 64 bits");
    writeTraffic(N, T);
    return llvm::Error::success();
  }

  /// The storage width of \p V (see the file comment).
  int64_t bitsOf(const Value *V) {
    for (unsigned Step = 0; V && Step < 64; ++Step) {
      auto It = Bits.find(V);
      if (It != Bits.end())
        return It->second;
      auto R = ReaderBits.find(V);
      if (R != ReaderBits.end())
        return R->second;
      const Node *P = V->getProducer();
      if (!P || classifyNode(*P) != CostClass::Vector || !P->getOperand(0))
        break;
      V = P->getOperand(0);
    }
    ElementType E = V && V->getType().isTensor() ? V->getType().getElementType()
                                                 : ElementType::f32();
    return E.getWidth() ? E.getWidth() : 32;
  }

  llvm::Error vectorTraffic(const Module &M, Node &N) {
    LayerTraffic T;
    for (const Value *In : N.getOperands()) {
      if (!In || In->hasData() ||
          (In->getProducer() &&
           classifyNode(*In->getProducer()) == CostClass::Free))
        continue; // constants (shapes, scales) are not streamed
      auto E = staticElements(M, N, In);
      if (!E)
        return E.takeError();
      T.Inputs += *E * bitsOf(In);
    }
    for (const Value *R : N.getResults()) {
      if (!R)
        continue;
      auto E = staticElements(M, N, R);
      if (!E)
        return E.takeError();
      T.Outputs += *E * bitsOf(N.getOperand(0) ? N.getOperand(0) : R);
    }
    T.Total = T.Inputs + T.Outputs;
    if (auto W = readWork(N))
      T.OpsPerBit = T.Total ? double(W->Ops) / double(T.Total) : 0.0;
    writeTraffic(N, T);
    return llvm::Error::success();
  }

  llvm::DenseMap<const Value *, int64_t> Bits, ReaderBits;
  std::string Clock = "800MHz";
  int64_t ClockHz = 0;
};

} // namespace

std::unique_ptr<Pass> hcm::createTrafficPass() {
  return std::make_unique<TrafficPass>();
}
