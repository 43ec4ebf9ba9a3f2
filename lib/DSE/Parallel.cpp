//===- Parallel.cpp - Blocks of points on threads, progress ---------------===//
#include "hcm/DSE/Parallel.h"
#include "hcm/Support/Parallel.h"

#include <fmt/format.h>

#include <algorithm>

using namespace hcm;

Progress::Progress(uint64_t Total, bool Enabled, llvm::raw_ostream &OS)
    : Total(Total), Enabled(Enabled), OS(OS),
      Start(std::chrono::steady_clock::now()), Last(Start) {}

void Progress::update(uint64_t Done) {
  if (!Enabled || Total == 0)
    return;
  auto Now = std::chrono::steady_clock::now();
  if (Now - Start < std::chrono::seconds(1) ||
      (Shown && Now - Last < std::chrono::milliseconds(100)))
    return;
  Last = Now;
  Shown = true;
  int Width = 40;
  int Full = int(double(Done) / double(Total) * Width);
  OS << fmt::format("\r[{}{}] {:3}% {}/{} points", std::string(Full, '#'),
                    std::string(Width - Full, ' '), Done * 100 / Total, Done,
                    Total);
  OS.flush();
}

void Progress::finish() {
  if (Shown)
    OS << "\r" << std::string(79, ' ') << "\r";
  OS.flush();
  Shown = false;
}

void hcm::forEachBlock(
    uint64_t Count, unsigned Threads, uint64_t BlockSize,
    llvm::function_ref<void(unsigned, uint64_t, uint64_t)> Chunk,
    llvm::function_ref<bool(uint64_t)> AfterBlock) {
  Threads = std::max(1u, Threads);
  for (uint64_t B = 0; B < Count; B += BlockSize) {
    uint64_t E = std::min(Count, B + BlockSize);
    uint64_t N = E - B;
    unsigned T = unsigned(std::min<uint64_t>(Threads, N));
    runParts(T, [&](size_t I) {
      Chunk(unsigned(I), B + N * I / T, B + N * (I + 1) / T);
    });
    if (!AfterBlock(E))
      return;
  }
}
