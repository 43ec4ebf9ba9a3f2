//===- Accuracy.h - Measured accuracy per quantization ----------*- C++ -*-===//
//
// `--accuracy FILE`: a YAML list of entries, each naming quantization
// settings and the accuracy measured with them (HCM 5.2, ResNet-18 top-1):
//
//   - {bits: 2, accuracy: 65.17}
//   - {w: 4, a: 8, first_last: 8, accuracy: 69.1}
//
// An entry matches a point when every setting it names equals the point's
// effective setting (`bits: N` is `w: N, a: N`; unswept settings are those
// of the base quantization, `w=8 a=8` by default); the first matching entry
// gives the point's `accuracy`. A point no entry matches has none (null),
// which is an error only when accuracy is an objective.
//
//===----------------------------------------------------------------------===//
#ifndef HCM_DSE_ACCURACY_H
#define HCM_DSE_ACCURACY_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hcm {

class AccuracyTable {
public:
  static llvm::Expected<AccuracyTable> parse(llvm::MemoryBufferRef Buffer);
  /// The accuracy for annotate-quant options \p QuantOptions (`w=4 a=4
  /// first-last=8`: the last of each key wins).
  std::optional<double> lookup(llvm::StringRef QuantOptions) const;

private:
  struct Entry {
    std::map<std::string, std::string> Settings; ///< w, a, first_last, file
    double Accuracy = 0;
  };
  std::vector<Entry> Entries;
};

} // namespace hcm

#endif // HCM_DSE_ACCURACY_H
