// read_text_file: how each kind of unreadable file is reported; write_output_file:
// what each kind of output path gets.
#include "parley/core/files.h"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace parley {
namespace {

namespace fs = std::filesystem;

// The importers say "no such file" and the scenario commands "cannot open the
// file: no such file" for the same missing file.
TEST(ReadTextFile, MissingFileIsWordedAsTheCallerAsks) {
  const std::string path = (fs::temp_directory_path() / ("parley_files_test_missing_" + std::to_string(::getpid()))).string();
  fs::remove(path);
  Result<std::string> plain = read_text_file(path, 100);
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.failure().kind, FailureKind::unreadable);
  EXPECT_EQ(plain.failure().source, path);
  EXPECT_EQ(plain.errors()[0].message, "cannot open the file: no such file");
  Result<std::string> named = read_text_file(path, 100, MissingFile::no_such_file);
  ASSERT_FALSE(named);
  EXPECT_EQ(named.failure().kind, FailureKind::unreadable);
  EXPECT_EQ(named.failure().source, path);
  EXPECT_EQ(named.errors()[0].pointer, "");
  EXPECT_EQ(named.errors()[0].message, "no such file");
}

// "cannot open the file" alone left the user guessing: it says why.
TEST(ReadTextFile, AFileThatCannotBeOpenedSaysWhy) {
  const fs::path dir = fs::temp_directory_path() / ("parley_files_test_why_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "plain.json";
  std::ofstream(file) << "{}";
  Result<std::string> through = read_text_file((file / "x.json").string(), 100);
  ASSERT_FALSE(through);
  EXPECT_EQ(through.errors()[0].message, "cannot open the file: a part of the path is not a folder");
  fs::permissions(file, fs::perms::none);
  Result<std::string> closed = read_text_file(file.string(), 100);
  if (::geteuid() != 0) {  // root reads a file whatever its permissions say
    ASSERT_FALSE(closed);
    EXPECT_EQ(closed.errors()[0].message, "cannot open the file: permission denied (this user may not read it)");
  } else {
    EXPECT_EQ(closed.value(), "{}");
  }
  fs::remove_all(dir);
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

// A scratch folder removed at the end of the test.
struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("parley-files-" + std::to_string(::getpid()));
  Scratch() { fs::create_directories(dir); }
  ~Scratch() { fs::remove_all(dir); }
};

std::string contents(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(WriteOutputFile, ANewOrRegularFileIsReplacedWholeWithItsPermissions) {
  Scratch t;
  const fs::path out = t.dir / "out.json";
  EXPECT_EQ(write_output_file(out.string(), "first"), "");
  EXPECT_EQ(contents(out), "first");
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(write_output_file(out.string(), "second"), "");
  EXPECT_EQ(contents(out), "second");
  EXPECT_EQ(fs::status(out).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  // No temporary file is left beside it.
  EXPECT_EQ(std::distance(fs::directory_iterator(t.dir), fs::directory_iterator()), 1);
}

TEST(WriteOutputFile, ASymbolicLinkStaysALinkAndItsTargetIsWritten) {
  Scratch t;
  const fs::path target = t.dir / "target.svg", link = t.dir / "link.svg", dangling = t.dir / "dangling.svg";
  fs::create_symlink("target.svg", link);
  // A link to nothing is not followed (as root, a planted link would make
  // parley create any file it names).
  EXPECT_EQ(write_output_file(link.string(), "through a dangling link"),
            "is a symbolic link to a file that does not exist (" + target.string() + ")");
  EXPECT_FALSE(fs::exists(target));
  std::ofstream(target) << "first";
  EXPECT_EQ(write_output_file(link.string(), "again"), "");
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(link)));
  EXPECT_EQ(contents(target), "again");
  fs::create_symlink(dangling.filename(), t.dir / "loop.svg");
  fs::create_symlink("loop.svg", dangling);  // loop.svg -> dangling.svg -> loop.svg
  EXPECT_NE(write_output_file((t.dir / "loop.svg").string(), "x"), "");
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dangling)));
}

TEST(WriteOutputFile, DevicesAreWrittenInPlaceAndNeverReplaced) {
  EXPECT_EQ(write_output_file("/dev/null", "nothing"), "");
  EXPECT_EQ(fs::status("/dev/null").type(), fs::file_type::character);
  Scratch t;
  EXPECT_EQ(write_output_file(t.dir.string(), "x"), "is a directory; give a file name");
  EXPECT_TRUE(fs::is_directory(t.dir));
  const fs::path fifo = t.dir / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // The read end is opened first (without waiting for a writer), as a
  // program reading the pipe would have it.
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  EXPECT_EQ(write_output_file(fifo.string(), "through a pipe"), "");
  char buffer[64] = {};
  const ssize_t got = ::read(reader, buffer, sizeof buffer);
  ::close(reader);
  EXPECT_EQ(std::string(buffer, got > 0 ? static_cast<std::size_t>(got) : 0), "through a pipe");
  EXPECT_EQ(fs::status(fifo).type(), fs::file_type::fifo);
}

TEST(WriteOutputFile, HardLinksStayOneFileAndPipesNobodyReadsAreRefused) {
  Scratch t;
  const fs::path a = t.dir / "a.json", b = t.dir / "b.json";
  std::ofstream(a) << "old";
  fs::create_hard_link(a, b);
  EXPECT_EQ(write_output_file(a.string(), "new"), "");
  EXPECT_EQ(contents(b), "new");
  EXPECT_EQ(fs::hard_link_count(a), 2u);
  const fs::path fifo = t.dir / "unread";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(write_output_file(fifo.string(), "x"), "is a pipe that no program is reading");
}

TEST(WriteOutputFile, AMissingFolderIsSaid) {
  EXPECT_EQ(write_output_file("/nonexistent-parley-folder/x.svg", "x"), "the folder /nonexistent-parley-folder does not exist");
}

// As root, `-o /proc/version` passes the write-permission check and fails
// only on the temporary file beside it, which the system words as "No such
// file or directory" about a file that exists. The message says what parley
// tried and what the folder refused.
TEST(WriteOutputFile, AFolderThatTakesNoNewFilesIsSaidInPlainWords) {
  if (::geteuid() == 0) {
    EXPECT_EQ(write_output_file("/proc/version", "x"),
              "cannot replace it: parley writes the new version beside it and then renames it over the old one, but "
              "the folder /proc does not allow new files");
  } else {
    EXPECT_EQ(write_output_file("/proc/version", "x"), "cannot write it: permission denied");
  }
  EXPECT_EQ(write_output_file("/proc/parley-new.svg", "x"), "cannot create it: the folder /proc does not allow new files");
}

}  // namespace
}  // namespace parley
