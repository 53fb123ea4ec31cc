// Reading and writing whole files, with the failures a user can act on.
//
//   Result<std::string> text = read_text_file("scenario.json", 32u << 20);
//   if (!text) report(text.failure());  // "cannot open the file: no such file", "is a directory, not a file", ...
//   if (std::string why = write_output_file("out.json", json); !why.empty()) report(why);
//
// Pipes (/dev/stdin, <(...)) are read like files; nothing past the cap is read,
// so an endless input cannot exhaust memory.
#pragma once

#include <cstddef>
#include <string>

#include "parley/core/result.h"

namespace parley {

// How a missing file is reported. The scenario commands say "cannot open the
// file: " and why ("no such file", "permission denied ..."); the Genius
// importer says "no such file"; golden outputs and users' scripts depend on
// each.
enum class MissingFile { cannot_open, no_such_file };

// The whole file, or unreadable (missing, a directory, a device that is not a
// stream, a read error), or invalid input when it holds more than max_bytes
// ("the file is larger than N bytes; parley reads at most N bytes").
Result<std::string> read_text_file(const std::string& path, std::size_t max_bytes,
                                   MissingFile missing = MissingFile::cannot_open);

// Writes an output file the one way every command does. A new name or a
// regular file: a temporary file beside it, renamed over it, so an existing
// file is replaced whole or not at all (with its permissions); a file the
// user may not write is refused, and one with other names (hard links) is
// rewritten in place. A symbolic link: the file it points to, the same way;
// the link stays; a link to nothing is refused. A terminal, a character
// device (/dev/null, /dev/stdout) or a pipe: written in place, never replaced
// (a pipe nobody reads is refused). A directory, block device or socket:
// refused. Returns what went wrong, for a message after the path; empty on
// success.
std::string write_output_file(const std::string& path, const std::string& text);

}  // namespace parley
