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
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <cstring>

namespace hcm {

/// A hash of \p S for the name tables: eight bytes per multiply-xorshift
/// round, then a final mix (MurmurHash3's finalizer constants) so the low
/// bits, which index a DenseMap, depend on every byte. Under half the
/// instructions of llvm::hash_value on names of 10-30 characters. The
/// tables are probed, and walked only to fill other maps, so no output
/// depends on the hash.
inline unsigned hashName(llvm::StringRef S) {
  const char *P = S.data();
  size_t N = S.size();
  uint64_t H = 0x9e3779b97f4a7c15ULL ^ N;
  for (; N >= 8; P += 8, N -= 8) {
    uint64_t W;
    std::memcpy(&W, P, 8);
    H = (H ^ W) * 0xbf58476d1ce4e5b9ULL;
    H ^= H >> 31;
  }
  // The last 1-7 bytes: as the string's last eight when it has them (an
  // overlapping load), else byte by byte.
  uint64_t Tail = 0;
  if (N && S.size() >= 8)
    std::memcpy(&Tail, S.data() + S.size() - 8, 8);
  else
    for (size_t I = 0; I < N; ++I)
      Tail |= uint64_t(static_cast<unsigned char>(P[I])) << (8 * I);
  H = (H ^ Tail) * 0xff51afd7ed558ccdULL;
  H ^= H >> 33;
  H *= 0xc4ceb9fe1a85ec53ULL;
  H ^= H >> 33;
  return unsigned(H);
}

/// A string (not owned) and its hash, as a DenseMap key.
struct HashedName {
  llvm::StringRef Name;
  unsigned Hash = 0;

  HashedName() = default;
  /// Implicit: a lookup by StringRef hashes it once.
  HashedName(llvm::StringRef Name) : Name(Name), Hash(hashName(Name)) {}
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
