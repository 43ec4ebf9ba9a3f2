//===- ExternalFileTest.cpp - External data checks and lazy reads ---------===//
#include "hcm/IR/ExternalFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <climits>

using namespace hcm;

namespace {

/// A temporary folder holding `w.bin` (16 bytes) and a link to a file
/// outside it.
class ExternalFolder : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("hcm-ext", Dir));
    llvm::SmallString<256> Model(Dir), Outside(Dir);
    llvm::sys::path::append(Model, "m");
    llvm::sys::path::append(Outside, "outside.bin");
    ASSERT_FALSE(llvm::sys::fs::create_directory(Model));
    write(Model, "w.bin", "0123456789abcdef");
    write(Dir, "outside.bin", "secret");
    llvm::SmallString<256> Link(Model);
    llvm::sys::path::append(Link, "link.bin");
    ASSERT_FALSE(llvm::sys::fs::create_link(Outside, Link));
    Base = Model.str().str();
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }

  void write(llvm::StringRef Folder, llvm::StringRef Name,
             llvm::StringRef Bytes) {
    llvm::SmallString<256> P(Folder);
    llvm::sys::path::append(P, Name);
    std::error_code EC;
    llvm::raw_fd_ostream OS(P, EC);
    ASSERT_FALSE(EC);
    OS << Bytes;
  }
  Tensor tensor(std::string Location, int64_t Offset, int64_t Length) {
    ExternalRef R{std::move(Location), Base, Offset, Length};
    return Tensor::external(
        Type::tensor(ElementType::parse("f32").value(), Shape{Dim::known(4)}),
        R);
  }
  static std::string error(llvm::Expected<llvm::StringRef> B) {
    return B ? "ok" : llvm::toString(B.takeError());
  }

  llvm::SmallString<256> Dir;
  std::string Base;
};

TEST_F(ExternalFolder, ReadsTheRangeInsideTheFolder) {
  Tensor All = tensor("w.bin", 0, 16), End = tensor("w.bin", 12, -1);
  auto B = All.getBytes(); // the bytes live as long as the tensor
  ASSERT_TRUE(bool(B));
  EXPECT_EQ(*B, "0123456789abcdef");
  auto Tail = End.getBytes();
  ASSERT_TRUE(bool(Tail));
  EXPECT_EQ(*Tail, "cdef");
}

TEST_F(ExternalFolder, HugeOffsetsDoNotOverflow) {
  EXPECT_EQ(error(tensor("w.bin", INT64_MAX, 16).getBytes()),
            "external data offset 9223372036854775807 is past the end of "
            "'w.bin' (16 bytes)");
  EXPECT_EQ(error(tensor("w.bin", 8, INT64_MAX).getBytes()),
            "external data offset 8 + length 9223372036854775807 is past the "
            "end of 'w.bin' (16 bytes)");
}

TEST_F(ExternalFolder, NothingOutsideTheFolderIsRead) {
  EXPECT_EQ(error(tensor("link.bin", 0, -1).getBytes()),
            "external data location 'link.bin' resolves outside the model "
            "folder (symbolic link)");
  EXPECT_EQ(error(tensor("../outside.bin", 0, -1).getBytes()),
            "external data location '../outside.bin' escapes the model "
            "folder");
  EXPECT_TRUE(locationEscapesFolder("a\\..\\b"));
  EXPECT_TRUE(locationEscapesFolder("C:x.bin"));
  EXPECT_FALSE(locationEscapesFolder("sub/..x.bin"));
}

TEST_F(ExternalFolder, LengthMustMatchTheType) {
  ExternalRef R{"w.bin", Base, 0, 12};
  auto Exists = checkExternalFile(R, uint64_t(16));
  ASSERT_FALSE(bool(Exists));
  EXPECT_EQ(llvm::toString(Exists.takeError()),
            "external data length 12 does not match its type (16 bytes)");
  R.Location = "missing.bin";
  auto Missing = checkExternalFile(R, uint64_t(16));
  ASSERT_TRUE(bool(Missing));
  EXPECT_FALSE(*Missing);
}

} // namespace
