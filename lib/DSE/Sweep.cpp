//===- Sweep.cpp - Set up, find the front, write every point --------------===//
#include "hcm/DSE/Sweep.h"
#include "hcm/DSE/Scatter.h"
#include "hcm/Support/Output.h"

#include "DSEInternal.h"
#include "hcm/DSE/Accuracy.h"
#include "hcm/DSE/Parallel.h"
#include "hcm/DSE/PointWriter.h"
#include "hcm/DSE/Summary.h"

#include <algorithm>
#include <mutex>

using namespace hcm;

llvm::Expected<SweepSetup> hcm::setUpSweep(const SweepOptions &Opts) {
  SweepSetup S;
  auto T = loadTarget(Opts.TargetName, Opts.TargetSet, Opts.ReadFile);
  if (!T)
    return T.takeError();
  S.Base = *T;
  auto Hw = buildHwModel(*T, Opts.TargetName, Opts.TargetSet);
  if (!Hw)
    return Hw.takeError();
  S.BaseHw = std::make_shared<const HwModel>(std::move(*Hw));
  auto Space = DesignSpace::create(Opts.Axes);
  if (!Space)
    return Space.takeError();
  S.Space = std::make_unique<DesignSpace>(std::move(*Space));
  auto M = compileModel(*S.Space, Opts.Model, S.BaseHw);
  if (!M)
    return M.takeError();
  S.Model = std::move(*M);
  return S;
}

namespace {

constexpr uint64_t BlockSize = 4096;

/// Everything a pass over the points reads.
struct SweepState {
  const SweepOptions &Opts;
  SweepSetup &Setup;
  PointEvaluator Eval;
  PointList Points;
  PointResult Ref;
  std::vector<std::optional<double>> Accuracy; ///< per quantization
  ObjectiveReader Objectives;
  SweepHeader Header;

  PointContext context(const PointResult &R) const {
    return {R, Setup.Model.Totals[R.Quant], Ref, Accuracy[R.Quant]};
  }
};

/// The first error of a pass, by point id (so the same on any thread count).
struct FirstError {
  std::mutex Lock;
  uint64_t Id = UINT64_MAX;
  std::string Message;
  void note(uint64_t At, llvm::Error E) {
    std::lock_guard<std::mutex> G(Lock);
    std::string M = llvm::toString(std::move(E));
    if (At < Id) {
      Id = At;
      Message = std::move(M);
    }
  }
  bool failed() {
    std::lock_guard<std::mutex> G(Lock);
    return Id != UINT64_MAX;
  }
};

llvm::Expected<std::vector<ParetoPoint>> findFront(SweepState &S, Progress &P) {
  unsigned Threads = std::max(1u, S.Opts.Threads);
  std::vector<ParetoArchive> Archives(Threads,
                                      ParetoArchive(S.Objectives.senses()));
  FirstError Err;
  forEachBlock(
      S.Points.Count, Threads, BlockSize,
      [&](unsigned T, uint64_t B, uint64_t E) {
        PointResult R;
        ObjectiveVector V{};
        for (uint64_t I = B; I < E; ++I) {
          uint64_t Id = S.Points.id(I);
          llvm::Error X = S.Eval.evaluate(Id, R);
          if (!X)
            X = S.Objectives.read(S.context(R), V);
          if (X) {
            Err.note(Id, std::move(X));
            return;
          }
          Archives[T].insert(Id, V);
        }
      },
      [&](uint64_t Done) {
        P.update(Done);
        return !Err.failed();
      });
  if (Err.failed())
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Err.Message);
  for (unsigned T = 1; T < Threads; ++T)
    Archives[0].merge(Archives[T]);
  return Archives[0].sorted();
}

/// Streams every point to the CSV and JSON outputs (null: not written).
void writePoints(SweepState &S, llvm::raw_ostream *Csv, llvm::raw_ostream *Json,
                 Progress &P, uint64_t Offset) {
  unsigned Threads = std::max(1u, S.Opts.Threads);
  const std::vector<uint64_t> &Front = S.Header.Front;
  std::vector<std::string> CsvOut(Threads), JsonOut(Threads);
  if (Csv)
    writeCsvHeader(S.Header, *Csv);
  if (Json)
    writeJsonHeader(S.Header, *Json);
  forEachBlock(
      S.Points.Count, Threads, BlockSize,
      [&](unsigned T, uint64_t B, uint64_t E) {
        CsvOut[T].clear();
        JsonOut[T].clear();
        PointResult R;
        for (uint64_t I = B; I < E; ++I) {
          uint64_t Id = S.Points.id(I);
          // Every point evaluated without error in the first pass.
          llvm::consumeError(S.Eval.evaluate(Id, R));
          bool Pareto = std::binary_search(Front.begin(), Front.end(), Id);
          PointContext C = S.context(R);
          if (Csv)
            renderCsvRow(S.Header, C, Pareto, CsvOut[T]);
          if (Json) {
            if (I != 0)
              JsonOut[T] += ",\n";
            renderJsonPoint(S.Header, C, Pareto, JsonOut[T]);
          }
        }
      },
      [&](uint64_t Done) {
        for (unsigned T = 0; T < Threads; ++T) {
          if (Csv)
            *Csv << CsvOut[T];
          if (Json)
            *Json << JsonOut[T];
          CsvOut[T].clear();
          JsonOut[T].clear();
        }
        P.update(Offset + Done);
        return true;
      });
  if (Json)
    writeJsonFooter(*Json);
}

llvm::Error writeOutputs(SweepState &S, Progress &P) {
  llvm::raw_null_ostream Null;
  auto WithFile =
      [&](const std::string &Path,
          const std::function<void(llvm::raw_ostream *)> &Fn) -> llvm::Error {
    if (Path.empty()) {
      Fn(nullptr);
      return llvm::Error::success();
    }
    return writeOutput(Path, [&](llvm::raw_ostream &OS) { Fn(&OS); });
  };
  llvm::Error Inner = llvm::Error::success();
  llvm::Error Outer = WithFile(S.Opts.CsvPath, [&](llvm::raw_ostream *Csv) {
    Inner = WithFile(S.Opts.JsonPath, [&](llvm::raw_ostream *Json) {
      writePoints(S, Csv, Json, P, S.Points.Count);
    });
  });
  if (Outer) {
    llvm::consumeError(std::move(Inner));
    return Outer;
  }
  return Inner;
}

/// The scatter: every point up to MaxScatterPoints (evenly strided over the
/// visited points) plus every front point, in the first two objectives.
llvm::Error writeScatter(SweepState &S) {
  const std::vector<uint64_t> &Front = S.Header.Front;
  uint64_t N = S.Points.Count;
  uint64_t Stride =
      std::max<uint64_t>(1, (N + MaxScatterPoints - 1) / MaxScatterPoints);
  std::vector<ScatterPoint> Pts;
  PointResult R;
  ObjectiveVector V{};
  auto Add = [&](uint64_t Id, bool OnFront) -> llvm::Error {
    if (llvm::Error E = S.Eval.evaluate(Id, R))
      return E;
    if (llvm::Error E = S.Objectives.read(S.context(R), V))
      return E;
    Pts.push_back({Id, V[0], V[1], OnFront});
    return llvm::Error::success();
  };
  for (uint64_t I = 0; I < N; I += Stride) {
    uint64_t Id = S.Points.id(I);
    if (!std::binary_search(Front.begin(), Front.end(), Id))
      if (llvm::Error E = Add(Id, false))
        return E;
  }
  for (uint64_t Id : Front)
    if (llvm::Error E = Add(Id, true))
      return E;
  if (!std::binary_search(Front.begin(), Front.end(), S.Header.Reference) &&
      S.Header.Reference % Stride != 0)
    if (llvm::Error E = Add(S.Header.Reference, false))
      return E;
  return writeOutput(S.Opts.SvgPath, [&](llvm::raw_ostream &OS) {
    writeParetoScatter(S.Header, Pts, OS);
  });
}

void printFront(SweepState &S, const std::vector<ParetoPoint> &Front) {
  std::vector<FrontRow> Rows;
  for (const ParetoPoint &F : Front) {
    FrontRow Row;
    llvm::consumeError(S.Eval.evaluate(F.Id, Row.R));
    Row.V = F.V;
    Row.Accuracy = S.Accuracy[Row.R.Quant];
    visitPointFields(S.context(Row.R), false,
                     [&](const FieldInfo &I, const FieldValue &V) {
                       std::optional<double> D;
                       if (V.K == FieldValue::Double)
                         D = V.D;
                       if (llvm::StringRef(I.Key) == "rel_perf_per_area")
                         Row.RelPerfPerArea = D;
                       if (llvm::StringRef(I.Key) == "rel_energy_avg")
                         Row.RelEnergy = D;
                     });
    Rows.push_back(std::move(Row));
  }
  printSummary(S.Header, std::move(Rows), S.Opts.SummaryRows, *S.Opts.Out);
}

} // namespace

llvm::Error hcm::runSweep(const SweepOptions &Opts) {
  std::vector<Objective> Objs = Opts.Objectives;
  if (Objs.empty())
    Objs = {{"energy_avg", Sense::Min}, {"seconds", Sense::Min}};
  std::optional<AccuracyTable> Acc;
  if (!Opts.AccuracyFile.empty()) {
    auto Buf = Opts.ReadFile(Opts.AccuracyFile);
    if (!Buf)
      return Buf.takeError();
    auto T = AccuracyTable::parse((*Buf)->getMemBufferRef());
    if (!T)
      return T.takeError();
    Acc = std::move(*T);
  }
  auto Reader = ObjectiveReader::create(Objs, Acc.has_value());
  if (!Reader)
    return Reader.takeError();
  auto Setup = setUpSweep(Opts);
  if (!Setup)
    return Setup.takeError();
  const DesignSpace &Space = *Setup->Space;
  SweepState S{Opts,
               *Setup,
               PointEvaluator(Space, Setup->Model, Setup->Base, Opts.TargetName,
                              Opts.TargetSet),
               selectPoints(Space, Opts.Samples, Opts.Seed),
               {},
               {},
               std::move(*Reader),
               {}};
  for (size_t Q = 0; Q < Space.quantCount(); ++Q)
    S.Accuracy.push_back(
        Acc ? Acc->lookup(quantOptions(Space, Q, Opts.Model.BaseQuant))
            : std::nullopt);
  uint64_t RefId = 0;
  if (!Opts.Reference.empty()) {
    auto Id = Space.find(Opts.Reference);
    if (!Id)
      return Id.takeError();
    RefId = *Id;
  }
  if (llvm::Error E = S.Eval.evaluate(RefId, S.Ref))
    return E;
  S.Header = {Opts.Model.Path,
              S.Setup.BaseHw->displayName(),
              &Space,
              Objs,
              RefId,
              S.Points.Count,
              !S.Points.Sample.empty(),
              {},
              Acc.has_value()};
  bool Write = !Opts.CsvPath.empty() || !Opts.JsonPath.empty();
  Progress P(S.Points.Count * (Write ? 2 : 1), Opts.Progress, *Opts.Err);
  auto Front = findFront(S, P);
  if (!Front) {
    P.finish();
    return Front.takeError();
  }
  for (const ParetoPoint &F : *Front)
    S.Header.Front.push_back(F.Id);
  llvm::Error E = Write ? writeOutputs(S, P) : llvm::Error::success();
  P.finish();
  if (E)
    return E;
  if (!Opts.SvgPath.empty())
    if (llvm::Error E = writeScatter(S))
      return E;
  if (Opts.Summary)
    printFront(S, *Front);
  return llvm::Error::success();
}
