//===- AnalysisManager.h - Cached analysis results --------------*- C++ -*-===//
//
// The model is MLIR's getAnalysis<T>() / LLVM's new pass manager: a pass that
// needs an analysis asks the manager for it; the first request computes it,
// later ones (in any pass) get the cached value; the pass manager drops every
// result after a pass that does not preserve analyses (any transform). So no
// pass order can silently produce an empty answer.
//
// An analysis is a type with
//   using Result = <plain value type>;
//   static llvm::Expected<Result> run(const Module &, PassContext &);
// and a unique static `char ID`.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_PASS_ANALYSISMANAGER_H
#define HCM_PASS_ANALYSISMANAGER_H

#include "hcm/IR/Module.h"

#include "llvm/Support/Error.h"

#include <map>
#include <memory>

namespace hcm {

struct PassContext;

class AnalysisManager {
public:
  /// The result of analysis \p A on \p M, computed on first request.
  template <typename A>
  llvm::Expected<const typename A::Result *> get(const Module &M,
                                                 PassContext &Ctx) {
    if (&M != Cached)
      invalidate();
    Cached = &M;
    auto It = Results.find(&A::ID);
    if (It != Results.end())
      return &static_cast<Model<typename A::Result> &>(*It->second).Value;
    auto R = A::run(M, Ctx);
    if (!R)
      return R.takeError();
    auto Slot = std::make_unique<Model<typename A::Result>>(std::move(*R));
    const typename A::Result *Ptr = &Slot->Value;
    Results[&A::ID] = std::move(Slot);
    return Ptr;
  }

  /// True when \p A has a cached result (for tests).
  template <typename A> bool isCached() const {
    return Results.count(&A::ID) != 0;
  }

  /// Drops every result (after a transform).
  void invalidate() { Results.clear(); }

private:
  struct Concept {
    virtual ~Concept() = default;
  };
  template <typename R> struct Model : Concept {
    explicit Model(R V) : Value(std::move(V)) {}
    R Value;
  };
  const Module *Cached = nullptr;
  std::map<const void *, std::unique_ptr<Concept>> Results;
};

} // namespace hcm

#endif // HCM_PASS_ANALYSISMANAGER_H
