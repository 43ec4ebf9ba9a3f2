//===- PassManager.cpp - Pipelines and instrumentation --------------------===//
//
// Pipeline grammar: elements separated by ',' outside braces; an element is
// `name` or `name{key=value key=value}`; values may be double-quoted to hold
// spaces, commas or braces. Named pipelines from Passes.def expand in place.
//
//===----------------------------------------------------------------------===//
#include "hcm/Pass/PassManager.h"
#include "hcm/IR/Verifier.h"
#include "hcm/Pass/PassRegistry.h"

#include "llvm/ADT/StringExtras.h"

using namespace hcm;

static llvm::Error pipelineError(const llvm::Twine &Msg) {
  return makeError("hcm-opt", "pipeline: " + Msg);
}

/// Parses `key=value key="v w"` into \p Out.
static llvm::Error
parseOptionList(llvm::StringRef Text, llvm::StringRef PassName,
                std::vector<std::pair<std::string, std::string>> &Out) {
  while (true) {
    Text = Text.ltrim();
    if (Text.empty())
      return llvm::Error::success();
    size_t Eq = Text.find('=');
    size_t Space = Text.find_first_of(" \t");
    if (Eq == llvm::StringRef::npos || Eq > Space)
      return pipelineError("option '" + Text.substr(0, Space) + "' of '" +
                           PassName + "' is not of the form key=value");
    std::string Key = Text.substr(0, Eq).str();
    Text = Text.drop_front(Eq + 1);
    std::string Val;
    if (Text.startswith("\"")) {
      size_t Close = Text.find('"', 1);
      if (Close == llvm::StringRef::npos)
        return pipelineError("unterminated quote in options of '" + PassName +
                             "'");
      Val = Text.substr(1, Close - 1).str();
      Text = Text.drop_front(Close + 1);
    } else {
      size_t End = Text.find_first_of(" \t");
      Val = Text.substr(0, End).str();
      Text = End == llvm::StringRef::npos ? "" : Text.drop_front(End);
    }
    if (Key.empty())
      return pipelineError("empty option name in options of '" + PassName +
                           "'");
    Out.emplace_back(std::move(Key), std::move(Val));
  }
}

/// Splits \p Text at top-level commas (outside braces and quotes).
static llvm::Expected<std::vector<llvm::StringRef>>
splitElements(llvm::StringRef Text) {
  std::vector<llvm::StringRef> Parts;
  int Depth = 0;
  bool InQuote = false;
  size_t Start = 0;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '"')
      InQuote = !InQuote;
    else if (InQuote)
      continue;
    else if (C == '{')
      ++Depth;
    else if (C == '}' && --Depth < 0)
      return pipelineError("unbalanced '}' in '" + Text + "'");
    else if (C == ',' && Depth == 0) {
      Parts.push_back(Text.slice(Start, I).trim());
      Start = I + 1;
    }
  }
  if (Depth != 0 || InQuote)
    return pipelineError("unbalanced '{' or quote in '" + Text + "'");
  Parts.push_back(Text.drop_front(Start).trim());
  return Parts;
}

llvm::Expected<std::vector<PipelineElement>>
hcm::parsePipeline(llvm::StringRef Text) {
  std::vector<PipelineElement> Result;
  if (Text.trim().empty())
    return Result;
  auto Parts = splitElements(Text);
  if (!Parts)
    return Parts.takeError();
  for (llvm::StringRef Part : *Parts) {
    if (Part.empty())
      return pipelineError("empty pass name in '" + Text + "'");
    PipelineElement E;
    size_t Brace = Part.find('{');
    E.Name = Part.substr(0, Brace).trim().str();
    if (Brace != llvm::StringRef::npos) {
      if (!Part.endswith("}"))
        return pipelineError("text after '}' in '" + Part + "'");
      llvm::StringRef Body = Part.slice(Brace + 1, Part.size() - 1);
      if (llvm::Error Err = parseOptionList(Body, E.Name, E.Options))
        return Err;
    }
    if (E.Name.empty())
      return pipelineError("empty pass name in '" + Text + "'");
    Result.push_back(std::move(E));
  }
  return Result;
}

/// A named pipeline with options (`default{w=4 a=4}`): each option goes to
/// every pass of the pipeline that declares it, after the pipeline's own
/// options; an option no pass declares is an error.
llvm::Error PassManager::addNamedPipeline(llvm::StringRef Text,
                                          const PipelineElement &Named) {
  if (Named.Options.empty())
    return addPipeline(Text);
  auto Elements = parsePipeline(Text);
  if (!Elements)
    return Elements.takeError();
  for (const auto &KV : Named.Options) {
    bool Used = false;
    for (PipelineElement &E : *Elements) {
      const PassInfo *Info = lookupPass(E.Name);
      if (!Info)
        continue;
      std::unique_ptr<Pass> P = Info->Create();
      for (const Pass::Option &O : P->getOptions())
        if (O.Key == KV.first) {
          E.Options.push_back(KV);
          Used = true;
        }
    }
    if (!Used)
      return pipelineError("option '" + KV.first + "' of named pipeline '" +
                           Named.Name + "' is not an option of its passes");
  }
  std::string Joined;
  for (const PipelineElement &E : *Elements) {
    Joined += (Joined.empty() ? "" : ",") + E.Name;
    if (E.Options.empty())
      continue;
    Joined += "{";
    for (size_t I = 0; I < E.Options.size(); ++I)
      Joined += (I ? " " : "") + E.Options[I].first + "=\"" +
                E.Options[I].second + "\"";
    Joined += "}";
  }
  return addPipeline(Joined);
}

llvm::Error PassManager::addPipeline(llvm::StringRef Pipeline) {
  auto Elements = parsePipeline(Pipeline);
  if (!Elements)
    return Elements.takeError();
  for (PipelineElement &E : *Elements) {
    const auto &Aliases = getPipelineAliases();
    auto Alias = std::find_if(Aliases.begin(), Aliases.end(),
                              [&](const auto &A) { return E.Name == A.Name; });
    if (Alias != Aliases.end()) {
      if (llvm::Error Err = addNamedPipeline(Alias->Pipeline, E))
        return Err;
      continue;
    }
    const PassInfo *Info = lookupPass(E.Name);
    if (!Info)
      return pipelineError("unknown pass '" + E.Name + "' (see --list-passes)");
    std::unique_ptr<Pass> P = Info->Create();
    if (llvm::Error Err = P->setOptions(E.Options))
      return Err;
    addPass(std::move(P));
  }
  return llvm::Error::success();
}

llvm::Error PassManager::runOne(Pass &P, Module &M, PassContext &Ctx) {
  if (llvm::Error E = P.run(M, Ctx))
    return E;
  if (!P.preservesAnalyses())
    Ctx.AM.invalidate();
  // Passes that preserve analyses change no structure (they only write
  // output attributes or print), nor do passes that only annotate:
  // verifying after them again is redundant.
  if (Opts.VerifyEach && !P.preservesAnalyses() && !P.onlyAnnotates())
    if (llvm::Error E = verifyModule(M))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     llvm::toString(std::move(E)) +
                                         " (after pass '" + P.getName() + "')");
  if (Opts.PrintAfterAll || Opts.PrintAfter.count(P.getName().str())) {
    *Ctx.Err << "// -----// IR Dump After " << P.getName() << " //----- //\n";
    printModule(M, *Ctx.Err, Ctx.Print);
    Ctx.Err->flush();
  }
  return llvm::Error::success();
}

llvm::Error PassManager::run(Module &M, PassContext &Ctx) {
  RunTimers Own(Opts.TimePasses && !Ctx.Timers);
  RunTimers &Timers = Ctx.Timers ? *Ctx.Timers : Own;
  for (auto &P : Passes) {
    llvm::TimeRegion Time = Timers.time(P->getName());
    if (llvm::Error E = runOne(*P, M, Ctx))
      return E;
  }
  if (Own.enabled())
    Own.print(*Ctx.Err);
  return llvm::Error::success();
}
