//===- HashedNameTest.cpp - The name tables' hash -------------------------===//
#include "hcm/Support/HashedName.h"

#include "gtest/gtest.h"

#include <cstdio>
#include <string>
#include <unordered_set>

using namespace hcm;

namespace {

/// DenseMap indexes by the low bits: names that differ in one digit or in
/// their last byte must spread over them like random values would.
TEST(HashedName, LowBitsSpreadOverExportedNames) {
  const unsigned Names = 100000, Mask = (1u << 20) - 1;
  for (const char *Pattern : {"/blk%u/Conv_output_0", "t%u", "%u",
                              "/model/layers.%u/self_attn/q_proj/MatMul"}) {
    std::unordered_set<unsigned> Low;
    char Buf[96];
    for (unsigned I = 0; I < Names; ++I) {
      snprintf(Buf, sizeof Buf, Pattern, I);
      Low.insert(hashName(Buf) & Mask);
    }
    // A random function fills about 2^20 * (1 - e^(-Names / 2^20)) = 95.4k.
    EXPECT_GT(Low.size(), 93000u) << Pattern;
  }
}

TEST(HashedName, EveryByteCounts) {
  std::string A = "abcdefghijklmnopq";
  for (size_t I = 0; I < A.size(); ++I) {
    std::string B = A;
    B[I] ^= 1;
    EXPECT_NE(hashName(A), hashName(B)) << I;
    EXPECT_NE(hashName(A.substr(0, I)), hashName(B.substr(0, I + 1))) << I;
  }
  EXPECT_NE(hashName(""), hashName(llvm::StringRef("\0", 1)));
}

} // namespace
