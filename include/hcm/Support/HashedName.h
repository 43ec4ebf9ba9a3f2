//===- HashedName.h - A name key that carries its hash ----------*- C++ -*-===//
//
// The importer and the IR index a model's value names in hash tables of a
// million entries and more. Keyed by llvm::StringRef, every probe that meets
// a name of the same length compares characters that live elsewhere in
// memory: a cache miss per probe, a tenth of a 1M-node import. A HashedName
// keeps the hash next to the reference, so a probe compares the hashes and
// reads the characters only when they agree (in practice: the one match).
//
//===----------------------------------------------------------------------===//
#ifndef HCM_SUPPORT_HASHEDNAME_H
#define HCM_SUPPORT_HASHEDNAME_H

#include "llvm/ADT/DenseMapInfo.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace hcm {

/// A string (not owned) and its hash, as a DenseMap key.
struct HashedName {
  llvm::StringRef Name;
  unsigned Hash = 0;

  HashedName() = default;
  /// Implicit: a lookup by StringRef hashes it once.
  HashedName(llvm::StringRef Name)
      : Name(Name), Hash(unsigned(llvm::hash_value(Name))) {}
  HashedName(llvm::StringRef Name, unsigned Hash) : Name(Name), Hash(Hash) {}
};

} // namespace hcm

namespace llvm {

template <> struct DenseMapInfo<hcm::HashedName> {
  // The markers DenseMapInfo<StringRef> uses: pointers no string has.
  static hcm::HashedName getEmptyKey() {
    return {StringRef(reinterpret_cast<const char *>(~uintptr_t(0)), 0), 0};
  }
  static hcm::HashedName getTombstoneKey() {
    return {StringRef(reinterpret_cast<const char *>(~uintptr_t(1)), 0), 1};
  }
  static unsigned getHashValue(const hcm::HashedName &K) { return K.Hash; }
  static bool isEqual(const hcm::HashedName &A, const hcm::HashedName &B) {
    if (isMarker(A) || isMarker(B))
      return A.Name.data() == B.Name.data();
    return A.Hash == B.Hash && A.Name == B.Name;
  }

private:
  static bool isMarker(const hcm::HashedName &K) {
    return K.Name.data() == getEmptyKey().Name.data() ||
           K.Name.data() == getTombstoneKey().Name.data();
  }
};

} // namespace llvm

#endif // HCM_SUPPORT_HASHEDNAME_H
