//===- YamlFile.cpp - Small YAML files with one-line located errors -------===//
#include "DSEInternal.h"

#include "hcm/IR/Diag.h"
#include "hcm/Support/YamlCheck.h"

using namespace hcm;
using namespace hcm::dse;

std::string dse::errorReason(llvm::Error E) {
  std::string S = llvm::toString(std::move(E));
  size_t At = S.find(": error: ");
  return At == std::string::npos ? S : S.substr(At + 9);
}

YamlFile::YamlFile(llvm::MemoryBufferRef Buffer)
    : Buffer(Buffer), File(Buffer.getBufferIdentifier().str()) {
  SM.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBuffer(Buffer), {});
  SM.setDiagHandler(
      [](const llvm::SMDiagnostic &D, void *Ctx) {
        auto *Self = static_cast<YamlFile *>(Ctx);
        if (Self->SyntaxError.empty())
          Self->SyntaxError =
              (Self->File + ":" + llvm::Twine(D.getLineNo()) + ":" +
               llvm::Twine(D.getColumnNo() + 1) + ": error: " + D.getMessage())
                  .str();
      },
      this);
  Stream = std::make_unique<llvm::yaml::Stream>(Buffer, SM);
}

llvm::Expected<llvm::yaml::Node *> YamlFile::root() {
  if (llvm::Error E = checkYamlText(Buffer, /*RequireMapping=*/false))
    return std::move(E);
  auto It = Stream->begin();
  llvm::yaml::Node *Root = It == Stream->end() ? nullptr : It->getRoot();
  if (!SyntaxError.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(), SyntaxError);
  if (!Root || llvm::isa<llvm::yaml::NullNode>(Root))
    return makeError(File, "empty file");
  return Root;
}

std::string YamlFile::where(llvm::yaml::Node *N) {
  auto [Line, Col] = SM.getLineAndColumn(N->getSourceRange().Start);
  return File + ":" + std::to_string(Line) + ":" + std::to_string(Col);
}

llvm::Error YamlFile::error(llvm::yaml::Node *N, const llvm::Twine &Msg) {
  if (!SyntaxError.empty()) // the parser's message says more
    return checkSyntax();
  return makeError(where(N), Msg);
}

llvm::Error YamlFile::checkSyntax() {
  if (SyntaxError.empty())
    return llvm::Error::success();
  return llvm::createStringError(llvm::inconvertibleErrorCode(), SyntaxError);
}

llvm::Expected<std::string> YamlFile::scalar(llvm::yaml::Node *N) {
  auto *S = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(N);
  if (!S)
    return error(N, "expected a scalar value");
  llvm::SmallString<64> Storage;
  return S->getValue(Storage).str();
}
