//===- Verify.cpp - The `verify` pass -------------------------------------===//
//
// Runs the IR verifier on demand (the pass manager also verifies after every
// pass unless told not to).
//
//===----------------------------------------------------------------------===//
#include "hcm/IR/Verifier.h"
#include "hcm/Pass/PassRegistry.h"

using namespace hcm;

namespace {
class VerifyPass : public Pass {
public:
  VerifyPass() : Pass("verify") {}
  llvm::Error run(Module &M, PassContext &) override { return verifyModule(M); }
};
} // namespace

std::unique_ptr<Pass> hcm::createVerifyPass() {
  return std::make_unique<VerifyPass>();
}
