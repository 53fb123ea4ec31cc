#include "parley/core/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace parley {

namespace fs = std::filesystem;

namespace {

// The system's words for an error, to follow a colon: "no space left on device".
std::string error_text(int error) {
  std::string text = std::strerror(error);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

// Why a file cannot be opened for reading, in plain words (an ifstream does
// not say, so the open is tried once more to learn errno).
std::string why_not_open(const std::string& path) {
  errno = 0;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  const int error = errno;
  if (fd >= 0) {
    ::close(fd);
    return "it could not be read as a stream";
  }
  switch (error) {
    case ENOENT: return "no such file";
    case EACCES:
    case EPERM: return "permission denied (this user may not read it)";
    case ENOTDIR: return "a part of the path is not a folder";
    case ELOOP: return "too many symbolic links";
    case ENAMETOOLONG: return "the name is too long";
    default: return error_text(error);
  }
}

}  // namespace

Result<std::string> read_text_file(const std::string& path, std::size_t max_bytes, MissingFile missing) {
  auto unreadable = [&](std::string message) {
    return Result<std::string>(Failure{path, {{"", std::move(message)}}, FailureKind::unreadable});
  };
  // Opening a directory succeeds and only reading it fails, with nothing to
  // say why; ask first. Pipes (/dev/stdin, <(...)) and terminals are streams,
  // not regular files, and are read like files.
  std::error_code ec;  // a path whose status cannot be read is left to the open below to report
  const std::filesystem::file_type type = std::filesystem::status(path, ec).type();
  if (type == std::filesystem::file_type::not_found && missing == MissingFile::no_such_file) {
    return unreadable("no such file");
  }
  if (type == std::filesystem::file_type::directory) return unreadable("is a directory, not a file");
  if (type == std::filesystem::file_type::block) return unreadable("is a block device, not a file");
  if (type == std::filesystem::file_type::socket) return unreadable("is a socket, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return unreadable("cannot open the file: " + why_not_open(path));
  // Read until end of file rather than trusting a size: a pipe has none. One
  // byte past the cap is enough to know the input is too large, and reading no
  // further keeps an endless input (/dev/zero) from exhausting memory.
  constexpr std::size_t kChunk = 1 << 16;
  std::string text;
  while (text.size() <= max_bytes) {
    // Up to the cap, then a single byte more to learn whether anything lies beyond it.
    const std::size_t want = text.size() < max_bytes ? std::min(kChunk, max_bytes - text.size()) : 1;
    const std::size_t had = text.size();
    text.resize(had + want);
    in.read(text.data() + had, static_cast<std::streamsize>(want));
    text.resize(had + static_cast<std::size_t>(in.gcount()));
    if (!in) break;  // end of file, or a read error that bad() reports below
  }
  if (in.bad()) return unreadable("cannot read the file");
  if (text.size() > max_bytes) {
    return Result<std::string>::fail(path, "",
                               "the file is larger than " + std::to_string(max_bytes) +
                                   " bytes; parley reads at most " + std::to_string(max_bytes) + " bytes");
  }
  return text;
}

namespace {

// Writes all of `text` to `fd`; what went wrong, empty on success.
std::string write_all(int fd, const std::string& text) {
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::string("cannot write: ") + error_text(errno);
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return {};
}

// Why the temporary file beside `target` could not be made, in words that do
// not need the reader to know that parley makes one: for /proc/version the
// system says only "no such file or directory".
std::string cannot_create_beside(const fs::path& target, const fs::path& dir, int error) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return "the folder " + dir.string() + " does not exist";
  std::string why;
  switch (error) {
    case EACCES:
    case EPERM: why = "this user may not create files in the folder " + dir.string(); break;
    case EROFS: why = "the folder " + dir.string() + " is on a read-only file system"; break;
    case ENOSPC:
    case EDQUOT: why = "there is no space left in the folder " + dir.string(); break;
    case ENOENT: why = "the folder " + dir.string() + " does not allow new files"; break;
    default: why = "the folder " + dir.string() + " does not allow new files (" + error_text(error) + ")"; break;
  }
  std::error_code exists;
  if (!fs::exists(target, exists)) return "cannot create it: " + why;
  return "cannot replace it: parley writes the new version beside it and then renames it over the old one, but " + why;
}

// A temporary file beside `target`, renamed over it: the file is replaced
// whole or not at all, with its permissions.
std::string replace_whole(const fs::path& target, const std::string& text) {
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return cannot_create_beside(target, dir, errno);
  // mkstemp makes the file private; give it the mode a new file would get, or the old file's.
  struct stat old {};
  mode_t mode = 0;
  if (::stat(target.c_str(), &old) == 0) {
    mode = old.st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  std::string failure = write_all(fd, text);
  if (failure.empty() && ::fchmod(fd, mode) != 0) failure = std::string("cannot set permissions: ") + error_text(errno);
  if (failure.empty() && ::fsync(fd) != 0) failure = std::string("cannot write: ") + error_text(errno);
  if (::close(fd) != 0 && failure.empty()) failure = std::string("cannot write: ") + error_text(errno);
  if (failure.empty() && ::rename(temp.c_str(), target.c_str()) != 0) {
    failure = std::string("cannot replace the file: ") + error_text(errno);
  }
  if (!failure.empty()) ::unlink(temp.c_str());
  return failure;
}

// A terminal, /dev/null, /dev/stdout or a pipe: written in place, never
// replaced (renaming over /dev/null as root replaced the device with a file).
std::string write_in_place(const fs::path& target, const std::string& text, bool truncate = false) {
  // Non-blocking open: a pipe that nobody reads would otherwise block for
  // ever (ENXIO says so); once open, writes block as usual.
  int fd = ::open(target.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK | (truncate ? O_TRUNC : 0));
  if (fd < 0 && errno == ENXIO) return "is a pipe that no program is reading";
  if (fd < 0) return std::string("cannot open it for writing: ") + error_text(errno);
  if (const int flags = ::fcntl(fd, F_GETFL); flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  std::string failure = write_all(fd, text);
  if (::close(fd) != 0 && failure.empty()) failure = std::string("cannot write: ") + error_text(errno);
  return failure;
}

}  // namespace

// Where a chain of symbolic links ends (that path may not exist yet); empty
// when the chain loops or cannot be read.
fs::path end_of_links(fs::path p) {
  for (int hop = 0; hop < 40; ++hop) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(p, ec)) || ec) return p;
    fs::path next = fs::read_symlink(p, ec);
    if (ec) return {};
    p = next.is_absolute() ? next : p.parent_path() / next;
  }
  return {};
}

std::string write_output_file(const std::string& path, const std::string& text) {
  if (path.empty()) return "no file name given";
  std::error_code ec;
  // The type of what is finally written: symbolic links are followed.
  const fs::file_status status = fs::status(path, ec);
  switch (status.type()) {
    case fs::file_type::character:
    case fs::file_type::fifo:
      // Opened through any links (/dev/stdout is one, to a pipe or terminal).
      return write_in_place(path, text);
    case fs::file_type::not_found:
    case fs::file_type::regular: {
      // A link stays a link: the file at the end of the chain is replaced.
      fs::path target = end_of_links(path);
      if (target.empty()) return "is a symbolic link that loops or cannot be read";
      if (status.type() == fs::file_type::not_found) {
        // A dangling link is not followed: as root, creating whatever file a
        // planted link names is the classic symbolic-link attack.
        if (target != fs::path(path)) return "is a symbolic link to a file that does not exist (" + target.string() + ")";
        return replace_whole(target, text);
      }
      // Replacing through a rename would get past a file's own write
      // protection (the folder's permission is what a rename needs).
      if (::access(target.c_str(), W_OK) != 0) return std::string("cannot write it: ") + error_text(errno);
      // A file with other names (hard links) is rewritten in place, so that
      // every name keeps showing the same file.
      struct stat st {};
      if (::stat(target.c_str(), &st) == 0 && st.st_nlink > 1) return write_in_place(target, text, true);
      return replace_whole(target, text);
    }
    case fs::file_type::directory:
      return "is a directory; give a file name";
    case fs::file_type::block:
      return "is a block device; parley writes only files, terminals and pipes";
    case fs::file_type::socket:
      return "is a socket; parley writes only files, terminals and pipes";
    default:
      if (ec) return "cannot use this path: " + ec.message();
      return "is not a file; parley writes only files, terminals and pipes";
  }
}

}  // namespace parley
