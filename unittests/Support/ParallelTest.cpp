//===- ParallelTest.cpp - Loops split over threads ------------------------===//
#include "hcm/Support/Parallel.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <string>
#include <vector>

using namespace hcm;

TEST(Parallel, PartsFor) {
  EXPECT_EQ(partsFor(0, 4, 10), 1u);
  EXPECT_EQ(partsFor(19, 4, 10), 1u); // a small loop stays on the caller
  EXPECT_EQ(partsFor(25, 4, 10), 2u); // each part gets at least 10 items
  EXPECT_EQ(partsFor(1000, 4, 10), 4u);
  EXPECT_EQ(partsFor(1000, 1, 10), 1u);
  EXPECT_EQ(partsFor(5, 4, 0), 4u); // MinPerPart 0 counts as 1
  EXPECT_EQ(partsFor(1000, 0, 10), std::min<size_t>(100, threadsFor(0)));
}

TEST(Parallel, ForCoversEveryItemOnce) {
  for (unsigned Threads : {1u, 2u, 3u, 7u}) {
    std::vector<int> Seen(10001, 0);
    parallelFor(Seen.size(), Threads, 100, [&](size_t B, size_t E) {
      for (size_t I = B; I < E; ++I)
        ++Seen[I];
    });
    EXPECT_EQ(std::count(Seen.begin(), Seen.end(), 1), 10001) << Threads;
  }
}

TEST(Parallel, BlocksAreWrittenInOrder) {
  for (unsigned Threads : {1u, 2u, 3u}) {
    std::string Out;
    parallelBlocks(
        10, Threads,
        [](size_t B, std::string &Text) {
          EXPECT_TRUE(Text.empty());
          Text += std::to_string(B) + ",";
        },
        [&](llvm::StringRef Text) { Out += Text.str(); });
    EXPECT_EQ(Out, "0,1,2,3,4,5,6,7,8,9,") << Threads;
  }
}

TEST(Parallel, ErrorSlotsGiveTheFirstInItemOrder) {
  ErrorSlots Errs(100);
  parallelFor(100, 3, 10, [&](size_t B, size_t E) {
    for (size_t I = B; I < E; ++I)
      if (I == 30 || I == 70)
        Errs[I] = llvm::createStringError(llvm::inconvertibleErrorCode(),
                                          "item " + std::to_string(I));
  });
  std::string First;
  for (size_t I = 0; I < 100 && First.empty(); ++I)
    if (Errs[I])
      First = llvm::toString(std::move(Errs[I]));
  EXPECT_EQ(First, "item 30");
  // Item 70's error is never taken: the slots drop it when they go.
}
