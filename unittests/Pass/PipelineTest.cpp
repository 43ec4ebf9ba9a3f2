//===- PipelineTest.cpp - Pipeline text and pass options ------------------===//
#include "hcm/IR/Graph.h"
#include "hcm/IR/Parser.h"
#include "hcm/IR/Printer.h"
#include "hcm/Pass/PassManager.h"
#include "hcm/Pass/PassRegistry.h"

#include "gtest/gtest.h"

using namespace hcm;

namespace {

std::string errorText(llvm::Error E) { return llvm::toString(std::move(E)); }

TEST(Pipeline, SplitsAtTopLevelCommas) {
  auto P = parsePipeline("a, b{x=1 y=\"p, q\"},c{}");
  ASSERT_TRUE(bool(P)) << errorText(P.takeError());
  ASSERT_EQ(P->size(), 3u);
  EXPECT_EQ((*P)[0].Name, "a");
  EXPECT_EQ((*P)[1].Name, "b");
  ASSERT_EQ((*P)[1].Options.size(), 2u);
  EXPECT_EQ((*P)[1].Options[0].first, "x");
  EXPECT_EQ((*P)[1].Options[0].second, "1");
  EXPECT_EQ((*P)[1].Options[1].second, "p, q");
  EXPECT_EQ((*P)[2].Name, "c");
  EXPECT_TRUE((*P)[2].Options.empty());
}

TEST(Pipeline, EmptyTextIsEmptyPipeline) {
  auto P = parsePipeline("  ");
  ASSERT_TRUE(bool(P));
  EXPECT_TRUE(P->empty());
}

TEST(Pipeline, RejectsMalformedText) {
  for (const char *Bad :
       {"a,,b", "a{", "a}", "a{x}", "a{=1}", "a{x=\"1}", "a{x=1}b", ","}) {
    auto P = parsePipeline(Bad);
    ASSERT_FALSE(bool(P)) << Bad;
    EXPECT_NE(errorText(P.takeError()).find("hcm-opt: error: pipeline:"),
              std::string::npos)
        << Bad;
  }
}

TEST(PassManager, UnknownPassNamesIt) {
  PassManager PM;
  std::string E = errorText(PM.addPipeline("verify,no-such-pass"));
  EXPECT_EQ(E, "hcm-opt: error: pipeline: unknown pass 'no-such-pass' (see "
               "--list-passes)");
}

TEST(PassManager, BadOptionsAreRejected) {
  PassManager PM;
  EXPECT_EQ(errorText(PM.addPipeline("strip{bogus=1}")),
            "hcm-opt: error: pass 'strip': unknown option 'bogus' (valid: "
            "metadata)");
  EXPECT_EQ(errorText(PM.addPipeline("strip{metadata=maybe}")),
            "hcm-opt: error: pass 'strip': option 'metadata': invalid value "
            "'maybe' (expected true or false)");
  EXPECT_EQ(PM.size(), 0u);
}

TEST(PassManager, NamedPipelinesExpand) {
  PassManager PM;
  ASSERT_FALSE(bool(PM.addPipeline("cleanup,strip{metadata=true}")));
  EXPECT_EQ(PM.size(), 4u);
}

/// A one-node module for the timing tests.
std::unique_ptr<Module> tinyModule() {
  auto M = std::make_unique<Module>();
  Graph &G = M->getGraph();
  Value *X = G.addInput("x", Type::tensor(ElementType::f32(), Shape{}));
  Node *N = G.addNode("", "Relu", "r");
  N->addOperand(X);
  G.addOutput(G.addResult(N, "y", Type::tensor(ElementType::f32(), Shape{})));
  return M;
}

TEST(PassManager, TimesItsPassesWhenAsked) {
  for (bool Time : {false, true}) {
    PassManagerOptions Opts;
    Opts.TimePasses = Time;
    PassManager PM(Opts);
    ASSERT_FALSE(bool(PM.addPipeline("strip,dce")));
    std::string Err;
    llvm::raw_string_ostream ErrOS(Err);
    PassContext Ctx;
    Ctx.Err = &ErrOS;
    auto M = tinyModule();
    ASSERT_FALSE(bool(PM.run(*M, Ctx)));
    ErrOS.flush();
    EXPECT_EQ(Err.find("timing report") != std::string::npos, Time) << Err;
    EXPECT_EQ(Err.find("dce") != std::string::npos, Time) << Err;
  }
}

TEST(PassManager, TimesIntoTheDriversTimers) {
  // The context's timers win: the manager prints nothing, the driver's
  // report lists the passes next to its own steps.
  PassManagerOptions Opts;
  Opts.TimePasses = true;
  PassManager PM(Opts);
  ASSERT_FALSE(bool(PM.addPipeline("strip,dce")));
  std::string Err, Report;
  llvm::raw_string_ostream ErrOS(Err), ReportOS(Report);
  RunTimers Timers(true);
  PassContext Ctx;
  Ctx.Err = &ErrOS;
  Ctx.Timers = &Timers;
  auto M = tinyModule();
  { llvm::TimeRegion T = Timers.time("import: test"); }
  ASSERT_FALSE(bool(PM.run(*M, Ctx)));
  ErrOS.flush();
  EXPECT_EQ(Err, "");
  Timers.print(ReportOS);
  ReportOS.flush();
  for (const char *Name : {"import: test", "strip", "dce", "Total"})
    EXPECT_NE(Report.find(Name), std::string::npos) << Name << "\n" << Report;
}

TEST(RunTimers, DisabledTimesNothing) {
  RunTimers Timers(false);
  { llvm::TimeRegion T = Timers.time("phase"); }
  { llvm::TimeRegion T = timePhase(nullptr, "phase"); }
  std::string Report;
  llvm::raw_string_ostream OS(Report);
  Timers.print(OS);
  OS.flush();
  EXPECT_EQ(Report.find("phase"), std::string::npos) << Report;
}

TEST(Registry, EveryPassHasUniqueNameAndDescription) {
  std::set<std::string> Names;
  for (const PassInfo &P : getRegisteredPasses()) {
    EXPECT_TRUE(Names.insert(P.Name).second) << P.Name;
    EXPECT_GT(std::string(P.Description).size(), 10u) << P.Name;
    EXPECT_EQ(P.Create()->getName(), P.Name);
  }
}

/// annotate-quant and lower-to-pe on a graph large enough to be read on
/// several threads: the IR and the warnings are those of one thread. Every
/// 997th Relu's result has no shape: the Conv reading it is not annotated
/// (a warning each).
TEST(PassManager, SameOnAnyNumberOfThreads) {
  std::string Body, Prev = "%x";
  for (int I = 0; I < 6000; ++I) {
    std::string C = "%c" + std::to_string(I), R = "%r" + std::to_string(I);
    Body += "    " + C + " = Conv(" + Prev +
            ", %w) {group = 1} : f32[1,4,8,8] loc(\"" + C + "\")\n";
    Body += "    " + R + " = Relu(" + C +
            ") : " + (I % 997 == 5 ? "f32" : "f32[1,4,8,8]") + " loc(\"" + R +
            "\")\n";
    Prev = R;
  }
  std::string Text = "module {} opsets {\"\" = 13} {\n  graph @g(%x: "
                     "f32[1,4,8,8], %w: f32[4,4,1,1]) {\n" +
                     Body + "    return " + Prev + "\n  }\n}\n";
  std::string Want, WantWarnings;
  for (unsigned Threads : {1u, 0u, 2u, 3u}) {
    auto M = parseModule(Text, "chain.hcm");
    ASSERT_TRUE(bool(M)) << errorText(M.takeError());
    PassManager PM;
    ASSERT_FALSE(bool(PM.addPipeline("annotate-quant{w=8 a=8},lower-to-pe")));
    PassContext Ctx;
    Ctx.Threads = Threads;
    std::string Warnings;
    Ctx.OnWarning = [&](const std::string &W) { Warnings += W + "\n"; };
    ASSERT_FALSE(bool(PM.run(**M, Ctx)));
    std::string Got = printModuleToString(**M);
    if (Threads == 1) {
      Want = Got;
      WantWarnings = Warnings;
      EXPECT_NE(Want.find("hcm.quant"), std::string::npos);
      EXPECT_NE(Warnings.find("(not annotated)"), std::string::npos);
      continue;
    }
    EXPECT_TRUE(Got == Want) << Threads << " threads";
    EXPECT_EQ(Warnings, WantWarnings) << Threads << " threads";
  }
}

} // namespace
