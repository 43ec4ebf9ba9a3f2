//===- hcm-opt.cpp - The hcm driver ---------------------------------------===//
//
// Reads a model (.onnx, textual ONNX or .hcm), runs a pass pipeline and writes
// the resulting IR. A thin shell over the library: options in, errors out as
// one line with exit code 1.
//
//===----------------------------------------------------------------------===//
#include "hcm/Analysis/Fields.h"
#include "hcm/Analysis/RecordedTarget.h"
#include "hcm/IR/Inputs.h"
#include "hcm/IR/Parser.h"
#include "hcm/IR/Verifier.h"
#include "hcm/Import/Import.h"
#include "hcm/Import/OnnxExport.h"
#include "hcm/Pass/PassManager.h"
#include "hcm/Pass/PassPlugin.h"
#include "hcm/Pass/PassRegistry.h"
#include "hcm/Support/CrashExit.h"
#include "hcm/Support/Output.h"
#include "hcm/Support/Timing.h"
#include "hcm/Support/Version.h"
#include "hcm/Target/HwModel.h"

#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"

#include <cstdlib>
#include <deque>

using namespace hcm;
namespace cl = llvm::cl;

static cl::opt<std::string> InputPath(cl::Positional, cl::desc("<input>"));
static cl::opt<std::string> Pipeline("p", cl::desc("Pass pipeline"),
                                     cl::init(""));
static cl::alias PipelineLong("pipeline", cl::aliasopt(Pipeline));
static cl::opt<std::string>
    TargetName("target",
               cl::desc("Hardware target: a shipped name or a YAML "
                        "file (default: the one the model records, else "
                        "hcm-16x16-800mhz)"),
               cl::init("hcm-16x16-800mhz"));
static cl::list<std::string>
    TargetSet("target-set", cl::desc("Override a target field: key=value "
                                     "(clock=100MHz, array=16x16, area=6mm2, "
                                     "pe=fp32, pe_bits=4, ...)"));
static cl::opt<bool> ListTargets("list-targets",
                                 cl::desc("List the shipped targets"));
static cl::opt<bool> Default("O",
                             cl::desc("Run the default pipeline (-p default)"));
static cl::opt<std::string> OutputPath("o", cl::desc("Output file"),
                                       cl::init("-"));
static cl::opt<bool> ListPasses("list-passes", cl::desc("List passes"));
static cl::opt<bool> PrintFields(
    "print-fields",
    cl::desc("Print the table of reported fields (docs/REPORT.md)"));
static cl::opt<bool> PrintAfterAll("print-ir-after-all",
                                   cl::desc("Print IR after every pass"));
static cl::list<std::string>
    PrintAfter("print-ir-after", cl::desc("Print IR after the named passes"),
               cl::CommaSeparated);
static cl::opt<bool>
    TimePasses("time-passes",
               cl::desc("Time each step of the run (import, verifier, each "
                        "pass, output) and print the report to stderr"));
static cl::opt<unsigned>
    Threads("j",
            cl::desc("Threads for a large graph's annotate-quant, layer "
                     "table, report and printed IR (default: all cores; the "
                     "output is the same)"),
            cl::Prefix);
static cl::alias ThreadsLong("threads", cl::aliasopt(Threads));
static cl::opt<bool> NoVerify("no-verify-each",
                              cl::desc("Do not verify after each pass"));
static cl::list<std::string>
    Dims("dim", cl::desc("Bind a symbolic dim, e.g. --dim N=1"));
static cl::opt<int64_t>
    Batch("batch", cl::desc("Set dim 0 of every input (static or symbolic)"),
          cl::init(-1));
static cl::opt<bool> ListInputs(
    "list-inputs",
    cl::desc("Print every input's type and dims and a ready --dim line"));
static cl::opt<std::string>
    IfBranch("if-branch",
             cl::desc("Branch of a run-time If the totals count: then, "
                      "else, 0 or 1 (default: the one with more MACs)"));
static cl::opt<bool>
    Strict("strict", cl::desc("A node that cannot be costed is an error"));
static cl::opt<int64_t> ElideAbove(
    "elide-elements-above",
    cl::desc("Elide tensors with more elements in the printed IR (-1: never)"),
    cl::init(16));
static cl::opt<bool> VerifyRoundtrip(
    "verify-roundtrip",
    cl::desc("Check that the printed IR parses back and prints identically"));
enum class EmitKind { Ir, Onnx };
static cl::opt<EmitKind> Emit(
    "emit", cl::desc("What -o receives (default ir)"), cl::init(EmitKind::Ir),
    cl::values(clEnumValN(EmitKind::Ir, "ir", "hcm IR text"),
               clEnumValN(EmitKind::Onnx, "onnx",
                          "binary ONNX with the analyses (docs/ONNX.md)")));
/// Loads a pass plugin as its option is parsed (LLVM's -load does the same),
/// so that a later --help lists its passes: in a section of the pass list
/// of its own, as --list-passes prints it.
static void loadPluginNow(const std::string &Path) {
  auto P = loadPassPlugin(Path);
  if (!P) {
    llvm::errs() << llvm::toString(P.takeError()) << '\n';
    std::exit(1);
  }
  static std::deque<std::string> Texts;
  static std::deque<cl::extrahelp> Helps;
  llvm::raw_string_ostream OS(Texts.emplace_back());
  printPluginPassList(OS, *P);
  Helps.emplace_back(OS.str());
}
static cl::list<std::string> PassPlugins(
    "load-pass-plugin",
    cl::desc("Load passes from a plugin library (repeatable; before --help "
             "to list them there)"),
    cl::callback([](const std::string &Path) { loadPluginNow(Path); }));
static cl::opt<InputFormat> Format(
    "input-format", cl::desc("Input format (default: from extension)"),
    cl::init(InputFormat::Auto),
    cl::values(clEnumValN(InputFormat::Auto, "auto", "by extension/content"),
               clEnumValN(InputFormat::OnnxBinary, "onnx", "binary ONNX"),
               clEnumValN(InputFormat::OnnxText, "onnxtxt", "textual ONNX"),
               clEnumValN(InputFormat::HcmText, "hcm", "hcm IR text")));

static void printWarning(const std::string &Msg) {
  llvm::errs() << Msg << '\n';
}

/// Parses `--dim NAME=VALUE` options.
static llvm::Error parseDims(ImportOptions &Opts) {
  for (llvm::StringRef D : Dims) {
    auto [Name, Val] = D.split('=');
    int64_t V;
    if (Name.empty() || Val.getAsInteger(10, V) || V < 1)
      return makeError("hcm-opt",
                       "bad --dim '" + D + "' (expected NAME=SIZE, SIZE >= 1)");
    Opts.DimBindings[Name.str()] = V;
  }
  if (Batch.getNumOccurrences()) {
    if (Batch < 1)
      return makeError("hcm-opt", "bad --batch (expected a size >= 1)");
    Opts.Batch = Batch;
  }
  return llvm::Error::success();
}

/// True when the command line names the target; else a model that records
/// one (hcm.target, --emit=onnx) is analysed on it.
static bool namesTarget() {
  return TargetName.getNumOccurrences() || TargetSet.getNumOccurrences();
}

static llvm::Expected<HwModel> resolveHardware(const PassContext &Ctx) {
  TargetOverrides Overrides;
  for (llvm::StringRef KV : TargetSet) {
    auto [Key, Value] = KV.split('=');
    if (Key.trim().empty() || Value.trim().empty())
      return makeError("hcm-opt",
                       "bad --target-set '" + KV + "' (expected key=value)");
    Overrides.emplace_back(Key.trim().str(), Value.trim().str());
  }
  return resolveHwModel(TargetName, Overrides,
                        [&](llvm::StringRef P) { return Ctx.readFile(P); });
}

static llvm::Error roundtrip(const std::string &Text) {
  auto Reparsed = parseModule(Text, "<roundtrip>");
  if (!Reparsed)
    return Reparsed.takeError();
  PrintOptions P{ElideAbove};
  if (printModuleToString(**Reparsed, P) != Text)
    return makeError(InputPath, "printed IR does not round-trip identically");
  return llvm::Error::success();
}

/// Writes the IR (or annotated ONNX) to -o, unless a report took stdout
/// and no -o was given. The IR is printed only when something reads it.
static llvm::Error writeResult(const Module &M, const PassContext &Ctx) {
  if (VerifyRoundtrip)
    if (llvm::Error E = roundtrip(printModuleToString(M, Ctx.Print)))
      return E;
  if (Ctx.WroteToOut && OutputPath.getNumOccurrences() == 0)
    return llvm::Error::success(); // a report took stdout
  if (Emit == EmitKind::Onnx)
    return writeAnnotatedOnnx(M, OutputPath);
  return writeOutput(OutputPath, [&](llvm::raw_ostream &OS) {
    printModule(M, OS, Ctx.Print);
  });
}

static llvm::Error verify(const Module &M, RunTimers &Timers) {
  llvm::TimeRegion Time = Timers.time("verify");
  return verifyModule(M);
}

static llvm::Error runDriver(RunTimers &Timers) {
  ImportOptions IOpts;
  IOpts.Timers = &Timers;
  IOpts.Format = Format;
  IOpts.OnWarning = printWarning;
  if (llvm::Error E = parseDims(IOpts))
    return E;
  if (isSameFile(InputPath, OutputPath))
    return makeError(OutputPath, "-o names the input file; the input is "
                                 "never modified (write elsewhere)");
  PassManager PM(
      {!NoVerify, PrintAfterAll, {PrintAfter.begin(), PrintAfter.end()}});
  if (Default && !Pipeline.empty())
    return makeError("hcm-opt", "use either -O or -p, not both");
  if (llvm::Error E = PM.addPipeline(Default ? std::string("default")
                                             : Pipeline.getValue()))
    return E;
  // Only printed, the IR may take the proto's memory piece by piece. Passes
  // walk an IR laid out fresh faster, but a large model's pages cost more
  // than that (ImportOptions::ReleaseProtoFrom).
  IOpts.ReleaseProtoFrom = PM.size() == 0 ? 0 : size_t(8) << 20;
  PassContext Ctx;
  Ctx.Timers = &Timers;
  Ctx.OnWarning = printWarning;
  Ctx.Strict = Strict;
  Ctx.IfBranch = IfBranch;
  Ctx.Print.ElideElementsAbove = ElideAbove;
  Ctx.Threads = Ctx.Print.Threads = Threads;
  // A report on stdout without -o means no IR is written: the analysis
  // passes need not turn their results into attributes nobody prints.
  Ctx.WriteOutputAttributes = OutputPath.getNumOccurrences() ||
                              !PM.writesToOut() || VerifyRoundtrip ||
                              PrintAfterAll || !PrintAfter.empty();
  // A named hardware model is resolved before the network is read, so a bad
  // target or override stops the run at once.
  if (namesTarget()) {
    llvm::TimeRegion Time = Timers.time("resolve target");
    auto Hw = resolveHardware(Ctx);
    if (!Hw)
      return Hw.takeError();
    Ctx.Hw = std::make_shared<const HwModel>(std::move(*Hw));
  }
  auto M = importFile(InputPath, IOpts);
  if (!M)
    return M.takeError();
  if (!Ctx.Hw) {
    llvm::TimeRegion Time = Timers.time("resolve target");
    auto Hw = resolveTargetFor(
        **M, TargetName, [&](llvm::StringRef P) { return Ctx.readFile(P); },
        printWarning);
    if (!Hw)
      return Hw.takeError();
    Ctx.Hw = std::make_shared<const HwModel>(std::move(*Hw));
  }
  if (ListInputs) {
    printInputs(**M, llvm::outs());
    return llvm::Error::success();
  }
  if (llvm::Error E = verify(**M, Timers))
    return E;
  if (llvm::Error E = PM.run(**M, Ctx))
    return E;
  // The process ends next: the OS reclaims the module faster than a walk
  // freeing its millions of pieces would (a tenth of a large model's run).
  const Module &Result = **M;
  llvm::BuryPointer(std::move(*M));
  llvm::TimeRegion Time = Timers.time("output");
  return writeResult(Result, Ctx);
}

int main(int argc, char **argv) {
  llvm::InitLLVM X(argc, argv);
  exitWithCodeOnCrash(argv[0]);
  std::string Passes;
  llvm::raw_string_ostream PassesOS(Passes);
  printPassList(PassesOS);
  cl::extrahelp PassHelp(PassesOS.str().c_str());
  cl::SetVersionPrinter(
      [](llvm::raw_ostream &OS) { printVersion(OS, "hcm-opt"); });
  cl::ParseCommandLineOptions(argc, argv, "hcm analyzer driver\n");
  if (ListTargets) {
    printTargetList(llvm::outs());
    return 0;
  }
  if (PrintFields) {
    printFieldDocs(llvm::outs());
    return 0;
  }
  if (ListPasses) {
    printPassList(llvm::outs());
    return 0;
  }
  if (InputPath.empty()) {
    llvm::errs() << "hcm-opt: error: no input file (see --help)\n";
    return 1;
  }
  RunTimers Timers(TimePasses);
  llvm::Error E = runDriver(Timers);
  if (!E && Timers.enabled())
    Timers.print(llvm::errs());
  if (E) {
    llvm::errs() << llvm::toString(std::move(E)) << '\n';
    return 1;
  }
  return 0;
}
