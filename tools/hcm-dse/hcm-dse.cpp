//===- hcm-dse.cpp - The design-space sweep driver ------------------------===//
//
// Sweeps target fields and quantization over a model, finds the exact Pareto
// front of 2 or 3 objectives, writes every point as CSV/JSON and a summary;
// or, with --solve, designs in reverse (HCM 5.2). A thin shell over
// lib/DSE: options in, errors out as one line with exit code 1.
//
//===----------------------------------------------------------------------===//
#include "hcm/DSE/Parallel.h"
#include "hcm/DSE/Solve.h"
#include "hcm/DSE/SweepFile.h"
#include "hcm/IR/Diag.h"
#include "hcm/Support/CrashExit.h"
#include "hcm/Support/Parallel.h"
#include "hcm/Support/Version.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"

#include <set>

using namespace hcm;
namespace cl = llvm::cl;

static cl::opt<std::string> ModelPath(cl::Positional, cl::desc("<model>"));
static cl::opt<std::string> TargetName("target",
                                       cl::desc("Base target (name or YAML)"));
static cl::list<std::string>
    TargetSet("target-set", cl::desc("Override a base target field key=value"));
static cl::list<std::string>
    Sweeps("sweep", cl::desc("Sweep key=v1,v2 | key=lo..hi[:N[:log]] "
                             "(keys joined by + move together)"));
static cl::opt<std::string> SweepFilePath("sweep-file",
                                          cl::desc("Sweep file (YAML)"));
static cl::opt<uint64_t>
    Samples("samples", cl::desc("Random sample of N distinct points"));
static cl::opt<uint64_t> Seed("seed", cl::desc("Sampling seed (default 0)"));
static cl::opt<std::string>
    Objectives("objectives", cl::desc("2 or 3 of key[:min|:max] (default "
                                      "energy_avg:min,seconds:min)"));
static cl::opt<std::string>
    Reference("reference", cl::desc("Reference point key=value,... (default "
                                    "point 0)"));
static cl::opt<std::string> AccuracyPath("accuracy",
                                         cl::desc("Accuracy file (YAML)"));
static cl::opt<std::string> CsvPath("csv", cl::desc("Write every point (CSV)"));
static cl::opt<std::string>
    SvgPath("svg", cl::desc("Write the Pareto scatter of the first two "
                            "objectives (SVG)"));
static cl::opt<std::string> JsonPath("json",
                                     cl::desc("Write every point (JSON)"));
static cl::opt<std::string> Solve("solve",
                                  cl::desc("Reverse design: area=A[,latency=T]"
                                           " or latency=T"));
static cl::opt<std::string> Transform("transform",
                                      cl::desc("Passes before annotate-quant"),
                                      cl::init("canonicalize"));
static cl::opt<std::string> Quant("quant",
                                  cl::desc("Base annotate-quant options"),
                                  cl::init("w=8 a=8"));
static cl::list<std::string> Dims("dim", cl::desc("Bind a symbolic dim N=1"));
static cl::opt<unsigned>
    Threads("j", cl::desc("Threads (default 0: one per core)"), cl::Prefix);
static cl::alias ThreadsLong("threads", cl::aliasopt(Threads));
static cl::opt<size_t> SummaryRows("summary-rows",
                                   cl::desc("Front points in the summary"),
                                   cl::init(20));
static cl::opt<bool> Quiet("quiet", cl::desc("No progress bar"));

static llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readFile(llvm::StringRef P) {
  auto B = llvm::MemoryBuffer::getFile(P);
  if (!B)
    return makeError(P, "cannot read: " + B.getError().message());
  return std::move(*B);
}

static llvm::Error parseOptions(SweepOptions &O) {
  O.Model.Path = ModelPath;
  O.Model.Transform = Transform;
  O.Model.BaseQuant = Quant;
  // Each quantization imports the model again: say each warning once.
  O.Model.Import.OnWarning = [](const std::string &M) {
    static std::set<std::string> Seen;
    if (Seen.insert(M).second)
      llvm::errs() << M << '\n';
  };
  for (llvm::StringRef D : Dims) {
    auto [Name, Val] = D.split('=');
    int64_t V;
    if (Name.empty() || Val.getAsInteger(10, V) || V < 0)
      return makeError("hcm-dse", "bad --dim '" + D + "' (expected N=SIZE)");
    O.Model.Import.DimBindings[Name.str()] = V;
  }
  for (llvm::StringRef KV : TargetSet) {
    auto [K, V] = KV.split('=');
    if (K.trim().empty() || V.trim().empty())
      return makeError("hcm-dse", "bad --target-set '" + KV + "'");
    O.TargetSet.emplace_back(K.trim().str(), V.trim().str());
  }
  O.ReadFile = readFile;
  if (!SweepFilePath.empty()) {
    auto Buf = readFile(SweepFilePath);
    if (!Buf)
      return Buf.takeError();
    auto F = parseSweepFile((*Buf)->getMemBufferRef());
    if (!F)
      return F.takeError();
    O.Axes = std::move(F->Axes);
    O.TargetName = F->Target.value_or(O.TargetName);
    O.Samples = F->Samples;
    O.Seed = F->Seed.value_or(0);
    if (F->Objectives && Objectives.empty())
      Objectives = *F->Objectives;
  }
  for (const std::string &S : Sweeps) {
    auto A = parseSweepArg(S);
    if (!A)
      return A.takeError();
    O.Axes.push_back(std::move(*A));
  }
  if (!TargetName.empty())
    O.TargetName = TargetName;
  if (Samples.getNumOccurrences())
    O.Samples = Samples;
  if (Seed.getNumOccurrences())
    O.Seed = Seed;
  if (!Objectives.empty()) {
    auto Objs = parseObjectives(Objectives);
    if (!Objs)
      return Objs.takeError();
    O.Objectives = std::move(*Objs);
  }
  O.Reference = Reference;
  O.AccuracyFile = AccuracyPath;
  O.CsvPath = CsvPath;
  O.JsonPath = JsonPath;
  O.SvgPath = SvgPath;
  // A point list on stdout leaves it to the points.
  O.Summary = CsvPath != "-" && JsonPath != "-";
  O.SummaryRows = SummaryRows;
  O.Threads = threadsFor(Threads); // 0, the default: one per core
  O.Progress = !Quiet && llvm::errs().is_displayed();
  return llvm::Error::success();
}

int main(int argc, char **argv) {
  llvm::InitLLVM X(argc, argv);
  exitWithCodeOnCrash(argv[0]);
  cl::SetVersionPrinter(
      [](llvm::raw_ostream &OS) { hcm::printVersion(OS, "hcm-dse"); });
  cl::ParseCommandLineOptions(argc, argv, "hcm design-space sweeps\n");
  if (ModelPath.empty()) {
    llvm::errs() << "hcm-dse: error: no model (see --help)\n";
    return 1;
  }
  SweepOptions O;
  llvm::Error E = parseOptions(O);
  if (!E && !Solve.empty()) {
    auto Spec = parseSolveSpec(Solve);
    E = Spec ? runSolve(O, *Spec) : Spec.takeError();
  } else if (!E) {
    E = runSweep(O);
  }
  if (E) {
    llvm::errs() << llvm::toString(std::move(E)) << '\n';
    return 1;
  }
  return 0;
}
