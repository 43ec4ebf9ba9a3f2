//===- FuzzTargetYaml.cpp - libFuzzer target: the target YAML loader ------===//
//
// Feeds arbitrary bytes to resolveHwModel as a user-written target file
// (`--target fuzz.yaml`): the YAML reader, every field's parser and bounds,
// the technology lookup and the derived hardware model. Other files the
// target names (a technology file) do not exist; shipped technologies do.
//
//===----------------------------------------------------------------------===//
#include "hcm/Target/HwModel.h"

#include "llvm/Support/MemoryBuffer.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  auto Read = [&](llvm::StringRef Path)
      -> llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> {
    if (Path == "fuzz.yaml")
      return llvm::MemoryBuffer::getMemBufferCopy(Text, Path);
    return llvm::createStringError(std::errc::no_such_file_or_directory,
                                   "%s: no such file", Path.str().c_str());
  };
  auto Hw = hcm::resolveHwModel("fuzz.yaml", {}, Read);
  if (!Hw) {
    llvm::consumeError(Hw.takeError());
    return 0;
  }
  // The model's derived numbers must be formed without overflow (UBSan).
  (void)Hw->displayName();
  (void)Hw->pes();
  return 0;
}
