// read_text_file: how each kind of unreadable file is reported.
#include "parley/core/files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace parley {
namespace {

namespace fs = std::filesystem;

// The importers say "no such file" and the scenario commands "cannot open the
// file" for the same missing file; both must stay as they are.
TEST(ReadTextFile, MissingFileIsWordedAsTheCallerAsks) {
  const std::string path = (fs::temp_directory_path() / ("parley_files_test_missing_" + std::to_string(::getpid()))).string();
  fs::remove(path);
  Result<std::string> plain = read_text_file(path, 100);
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.failure().kind, FailureKind::unreadable);
  EXPECT_EQ(plain.failure().source, path);
  EXPECT_EQ(plain.errors()[0].message, "cannot open the file");
  Result<std::string> named = read_text_file(path, 100, MissingFile::no_such_file);
  ASSERT_FALSE(named);
  EXPECT_EQ(named.failure().kind, FailureKind::unreadable);
  EXPECT_EQ(named.failure().source, path);
  EXPECT_EQ(named.errors()[0].pointer, "");
  EXPECT_EQ(named.errors()[0].message, "no such file");
}

TEST(ReadTextFile, ADirectoryOrAnOversizedFileIsSaidSoWhateverTheWording) {
  const fs::path dir = fs::temp_directory_path() / ("parley_files_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (MissingFile wording : {MissingFile::cannot_open, MissingFile::no_such_file}) {
    Result<std::string> d = read_text_file(dir.string(), 100, wording);
    ASSERT_FALSE(d);
    EXPECT_EQ(d.errors()[0].message, "is a directory, not a file");
    const std::string big = (dir / "big.txt").string();
    std::ofstream(big) << "0123456789";
    Result<std::string> b = read_text_file(big, 9, wording);
    ASSERT_FALSE(b);
    EXPECT_EQ(b.failure().kind, FailureKind::invalid_input);
    EXPECT_EQ(b.errors()[0].message, "the file is larger than 9 bytes; parley reads at most 9 bytes");
    EXPECT_EQ(read_text_file(big, 10, wording).value(), "0123456789");
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace parley
