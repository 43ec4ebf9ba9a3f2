//===- Pass.cpp - Passes and their options --------------------------------===//
//
// Typed option declarations and `key=value` parsing with precise errors.
//
//===----------------------------------------------------------------------===//
#include "hcm/Pass/Pass.h"
#include "hcm/Support/Output.h"

#include "llvm/ADT/StringExtras.h"

#include <fmt/format.h>

using namespace hcm;

llvm::Error Pass::passError(const llvm::Twine &Msg) const {
  return makeError("hcm-opt", "pass '" + Name + "': " + Msg);
}

llvm::Error Pass::setOptions(
    const std::vector<std::pair<std::string, std::string>> &KeyValues) {
  for (const auto &KV : KeyValues) {
    const std::string &Key = KV.first, &Val = KV.second;
    auto It = std::find_if(Options.begin(), Options.end(),
                           [&](const Option &O) { return O.Key == Key; });
    if (It == Options.end()) {
      std::string Valid;
      for (const Option &O : Options)
        Valid += (Valid.empty() ? "" : ", ") + O.Key;
      return passError("unknown option '" + Key +
                       "' (valid: " + (Valid.empty() ? "none" : Valid) + ")");
    }
    if (llvm::Error E = It->Parse(Val))
      return passError("option '" + Key + "': " + llvm::toString(std::move(E)));
  }
  return llvm::Error::success();
}

static llvm::Error badValue(llvm::StringRef Val, llvm::StringRef Expected) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "invalid value '" + Val + "' (expected " +
                                     Expected + ")");
}

void Pass::addOption(llvm::StringRef Key, bool &Ref, llvm::StringRef Help) {
  Options.push_back({Key.str(), Help.str(), Ref ? "true" : "false", "bool",
                     [&Ref](llvm::StringRef V) -> llvm::Error {
                       if (V == "true" || V == "1")
                         Ref = true;
                       else if (V == "false" || V == "0")
                         Ref = false;
                       else
                         return badValue(V, "true or false");
                       return llvm::Error::success();
                     }});
}

void Pass::addOption(llvm::StringRef Key, int64_t &Ref, llvm::StringRef Help) {
  Options.push_back({Key.str(), Help.str(), std::to_string(Ref), "int",
                     [&Ref](llvm::StringRef V) -> llvm::Error {
                       if (V.getAsInteger(10, Ref))
                         return badValue(V, "an integer");
                       return llvm::Error::success();
                     }});
}

void Pass::addOption(llvm::StringRef Key, double &Ref, llvm::StringRef Help) {
  Options.push_back({Key.str(), Help.str(), fmt::format("{}", Ref), "number",
                     [&Ref](llvm::StringRef V) -> llvm::Error {
                       if (V.getAsDouble(Ref))
                         return badValue(V, "a number");
                       return llvm::Error::success();
                     }});
}

void Pass::addOption(llvm::StringRef Key, std::string &Ref,
                     llvm::StringRef Help) {
  Options.push_back({Key.str(), Help.str(), Ref, "string",
                     [&Ref](llvm::StringRef V) -> llvm::Error {
                       Ref = V.str();
                       return llvm::Error::success();
                     }});
}

void Pass::addOption(llvm::StringRef Key, std::string &Ref,
                     std::vector<std::string> Choices, llvm::StringRef Help) {
  std::string TypeName = llvm::join(Choices, "|");
  Options.push_back(
      {Key.str(), Help.str(), Ref, TypeName,
       [&Ref, Choices, TypeName](llvm::StringRef V) -> llvm::Error {
         if (std::find(Choices.begin(), Choices.end(), V) == Choices.end())
           return badValue(V, "one of " + TypeName);
         Ref = V.str();
         return llvm::Error::success();
       }});
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
PassContext::readFile(llvm::StringRef Path) const {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/true);
  if (!Buf)
    return makeError(Path, "cannot read file: " + Buf.getError().message());
  return std::move(*Buf);
}

llvm::Expected<const HwModel *> PassContext::hw() const {
  if (!Hw)
    return makeError("hcm", "no hardware model: the driver resolves one from "
                            "--target before running passes");
  return Hw.get();
}

llvm::Error
PassContext::emit(llvm::StringRef Output,
                  const std::function<void(llvm::raw_ostream &)> &Fill) {
  if (Output != "-")
    return writeOutput(Output, Fill);
  Fill(*Out);
  WroteToOut = true;
  return llvm::Error::success();
}
