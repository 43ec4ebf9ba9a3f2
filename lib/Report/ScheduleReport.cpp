//===- ScheduleReport.cpp - The execution schedule as text/JSON/CSV -------===//
#include "hcm/Report/ScheduleReport.h"

#include "hcm/Analysis/Fields.h"
#include "hcm/Support/Version.h"

#include "llvm/Support/JSON.h"

#include <fmt/compile.h>
#include <fmt/format.h>

using namespace hcm;

namespace {

/// Same numbers apart from the group indices: collapsed in compact text.
bool samePass(const SchedulePass &A, const SchedulePass &B) {
  return A.InChannels == B.InChannels && A.Tiles == B.Tiles &&
         A.OutChannels == B.OutChannels && A.WeightBits == B.WeightBits &&
         A.InputBits == B.InputBits && A.InputRows == B.InputRows &&
         A.PartialReadBits == B.PartialReadBits &&
         A.PartialWriteBits == B.PartialWriteBits &&
         A.OutputBits == B.OutputBits && A.PrefetchCycles == B.PrefetchCycles &&
         A.StreamCycles == B.StreamCycles;
}

std::string requantText(const Requant &Q) {
  if (Q.Float)
    return "float output (no requantization)";
  return fmt::format(FMT_COMPILE("scale per channel, >> {}, clamp [{}, {}]{}"),
                     Q.Shift, Q.ClampLo, Q.ClampHi,
                     Q.Relu ? " (fused ReLU)" : "");
}

} // namespace

ScheduleReport hcm::collectSchedule(const LayerTable &T, const HwModel &Hw) {
  ScheduleReport R;
  R.Model = T.Model;
  R.Target = Hw.displayName();
  R.Order = loopOrderName(Hw.Order).str();
  R.Hw = scheduleHw(Hw);
  R.Layers.reserve(T.Layers.size());
  R.Vectors.reserve(T.Vectors.size());
  // The totals here add up the listed passes, independently of the closed
  // form the report uses (test/Models/schedule.test compares the two).
  for (const LayerFacts &F : T.Layers) {
    R.Layers.push_back({F.Name, F.Op, expandSchedule(F, R.Hw), F.Rq});
    for (const SchedulePass &P : R.Layers.back().S.Passes) {
      R.LayerCycles += P.cycles();
      R.LayerRead += P.dramRead();
      R.LayerWritten += P.dramWritten();
    }
  }
  for (const VectorFacts &V : T.Vectors) {
    ScheduleTotals S = vectorSchedule(V, R.Hw);
    R.Vectors.push_back({V.Name, V.Op, S.cycles(), S.DramRead, S.DramWritten});
    R.VectorCycles += S.cycles();
    R.VectorRead += S.DramRead;
    R.VectorWritten += S.DramWritten;
  }
  for (const auto &[IsLayer, Index] : T.Steps)
    R.Steps.push_back({IsLayer ? &R.Layers[Index] : nullptr,
                       IsLayer ? nullptr : &R.Vectors[Index]});
  return R;
}

void hcm::printScheduleText(const ScheduleReport &R, bool Compact,
                            llvm::raw_ostream &OS) {
  OS << fmt::format(
      FMT_COMPILE("schedule: {} on {} ({}x{} PEs, {}, {} DRAM bits per "
                  "clock, {} bit accumulator buffer)\n"),
      R.Model, R.Target, R.Hw.Rows, R.Hw.Cols, R.Order, R.Hw.DramBitsPerClock,
      R.Hw.AccBufferBits);
  for (size_t K = 0; K < R.Steps.size(); ++K) {
    const ScheduleStep &St = R.Steps[K];
    if (St.Vector) {
      const ScheduledVector &V = *St.Vector;
      OS << fmt::format(
          FMT_COMPILE("\nstep {}: {} ({}) on the vector unit: {} cycles, "
                      "DRAM read {} bits, written {} bits\n"),
          K + 1, V.Name, V.Op, V.Cycles, V.DramRead, V.DramWritten);
      continue;
    }
    const ScheduledLayer &L = *St.Layer;
    const LayerSchedule &S = L.S;
    OS << fmt::format(
        FMT_COMPILE("\nstep {}: {} ({}): {} input x {} output groups = {} "
                    "passes, partial sums {}\n"),
        K + 1, L.Name, L.Op, S.Totals.InGroups, S.Totals.OutGroups,
        S.Passes.size(),
        S.Totals.KeepsPartials ? "kept on chip" : "spilled to DRAM");
    OS << "  pass          out    in  in_ch tiles out_ch  weights   inputs  "
          "psum_rd  psum_wr  outputs prefetch stream\n";
    for (size_t I = 0; I < S.Passes.size();) {
      size_t J = I + 1;
      while (Compact && J < S.Passes.size() &&
             samePass(S.Passes[I], S.Passes[J]))
        ++J;
      const SchedulePass &P = S.Passes[I];
      std::string Id =
          J - I > 1 ? fmt::format(FMT_COMPILE("{}-{} x{}"), I + 1, J, J - I)
                    : std::to_string(I + 1);
      auto Range = [&](int64_t SchedulePass::*F) {
        int64_t Lo = S.Passes[I].*F, Hi = Lo;
        for (size_t K = I; K < J; ++K) {
          Lo = std::min(Lo, S.Passes[K].*F);
          Hi = std::max(Hi, S.Passes[K].*F);
        }
        return Lo == Hi ? std::to_string(Lo)
                        : fmt::format(FMT_COMPILE("{}-{}"), Lo, Hi);
      };
      OS << fmt::format(
          FMT_COMPILE("  {:<11} {:>5} {:>5} {:>6} {:>5} {:>6} {:>8} {:>8} "
                      "{:>8} {:>8} {:>8} {:>8} {:>6}\n"),
          Id, Range(&SchedulePass::OutGroup), Range(&SchedulePass::InGroup),
          P.InChannels, P.Tiles, P.OutChannels, P.WeightBits, P.InputBits,
          P.PartialReadBits, P.PartialWriteBits, P.OutputBits, P.PrefetchCycles,
          P.StreamCycles);
      I = J;
    }
    OS << "  requantize: " << requantText(L.Requantize) << '\n';
    OS << fmt::format(
        FMT_COMPILE("  total: {} cycles, DRAM read {} bits, written {} "
                    "bits\n"),
        S.Totals.cycles(), S.Totals.DramRead, S.Totals.DramWritten);
  }
  OS << fmt::format(
      FMT_COMPILE("\ncompute layers: {} cycles, DRAM read {} bits, written "
                  "{} bits\nvector unit: {} cycles, DRAM read {} bits, "
                  "written {} bits\n"),
      R.LayerCycles, R.LayerRead, R.LayerWritten, R.VectorCycles, R.VectorRead,
      R.VectorWritten);
}

void hcm::printScheduleJson(const ScheduleReport &R, llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("schema", ScheduleSchema);
    J.attribute("model", R.Model);
    J.attribute("target", R.Target);
    J.attribute("order", R.Order);
    J.attribute("pe_array", llvm::json::Array{R.Hw.Rows, R.Hw.Cols});
    J.attribute("dram_bits_per_clock", R.Hw.DramBitsPerClock);
    J.attribute("acc_buffer_bits", R.Hw.AccBufferBits);
    J.attributeArray("steps", [&] {
      for (const ScheduleStep &St : R.Steps)
        J.object([&] {
          if (St.Vector) {
            J.attribute("kind", "vector");
            J.attribute("name", St.Vector->Name);
            J.attribute("op", St.Vector->Op);
            J.attribute("cycles", St.Vector->Cycles);
            J.attribute("dram_read_bits", St.Vector->DramRead);
            J.attribute("dram_written_bits", St.Vector->DramWritten);
            return;
          }
          const LayerSchedule &S = St.Layer->S;
          J.attribute("kind", "layer");
          J.attribute("name", St.Layer->Name);
          J.attribute("op", St.Layer->Op);
          J.attribute("in_groups", S.Totals.InGroups);
          J.attribute("out_groups", S.Totals.OutGroups);
          J.attribute("keeps_partials", S.Totals.KeepsPartials);
          J.attributeArray("passes", [&] {
            for (const SchedulePass &P : S.Passes)
              J.object([&] {
                J.attribute("out_group", P.OutGroup);
                J.attribute("in_group", P.InGroup);
                J.attribute("in_channels", P.InChannels);
                J.attribute("tiles", P.Tiles);
                J.attribute("out_channels", P.OutChannels);
                J.attribute("weight_bits", P.WeightBits);
                J.attribute("input_bits", P.InputBits);
                J.attribute("input_rows", P.InputRows);
                J.attribute("partial_read_bits", P.PartialReadBits);
                J.attribute("partial_write_bits", P.PartialWriteBits);
                J.attribute("output_bits", P.OutputBits);
                J.attribute("prefetch_cycles", P.PrefetchCycles);
                J.attribute("stream_cycles", P.StreamCycles);
              });
          });
          const Requant &Q = St.Layer->Requantize;
          J.attributeObject("requant", [&] {
            J.attribute("float", Q.Float);
            J.attribute("shift", Q.Shift);
            J.attribute("clamp", llvm::json::Array{Q.ClampLo, Q.ClampHi});
            J.attribute("relu", Q.Relu);
          });
          J.attribute("cycles", S.Totals.cycles());
          J.attribute("dram_read_bits", S.Totals.DramRead);
          J.attribute("dram_written_bits", S.Totals.DramWritten);
        });
    });
    J.attributeObject("totals", [&] {
      J.attribute("layer_cycles", R.LayerCycles);
      J.attribute("layer_dram_read_bits", R.LayerRead);
      J.attribute("layer_dram_written_bits", R.LayerWritten);
      J.attribute("vector_cycles", R.VectorCycles);
      J.attribute("vector_dram_read_bits", R.VectorRead);
      J.attribute("vector_dram_written_bits", R.VectorWritten);
    });
  });
  OS << '\n';
}

void hcm::printScheduleCsv(const ScheduleReport &R, llvm::raw_ostream &OS) {
  OS << "step,kind,name,op,pass,out_group,in_group,in_channels,tiles,"
        "out_channels,weight_bits,input_bits,partial_read_bits,"
        "partial_write_bits,output_bits,prefetch_cycles,stream_cycles,"
        "cycles,dram_read_bits,dram_written_bits\n";
  for (size_t K = 0; K < R.Steps.size(); ++K) {
    const ScheduleStep &St = R.Steps[K];
    if (St.Vector) {
      OS << fmt::format(FMT_COMPILE("{},vector,{},{},,,,,,,,,,,,,,{},{},{}\n"),
                        K + 1, csvQuote(St.Vector->Name),
                        csvQuote(St.Vector->Op), St.Vector->Cycles,
                        St.Vector->DramRead, St.Vector->DramWritten);
      continue;
    }
    const std::vector<SchedulePass> &Ps = St.Layer->S.Passes;
    for (size_t I = 0; I < Ps.size(); ++I) {
      const SchedulePass &P = Ps[I];
      OS << fmt::format(
          FMT_COMPILE("{},pass,{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},"
                      "{},{},{}\n"),
          K + 1, csvQuote(St.Layer->Name), St.Layer->Op, I + 1, P.OutGroup,
          P.InGroup, P.InChannels, P.Tiles, P.OutChannels, P.WeightBits,
          P.InputBits, P.PartialReadBits, P.PartialWriteBits, P.OutputBits,
          P.PrefetchCycles, P.StreamCycles, P.cycles(), P.dramRead(),
          P.dramWritten());
    }
  }
}
