// Reading and writing whole files, with the failures a user can act on.
//
//   Result<std::string> text = read_text_file("scenario.json", 32u << 20);
//   if (!text) report(text.failure());                 // "cannot open the file", "is a directory, not a file", ...
//   if (std::string why = write_file_atomically("out.json", json); !why.empty()) report(why);
//
// Pipes (/dev/stdin, <(...)) are read like files; nothing past the cap is read,
// so an endless input cannot exhaust memory.
#pragma once

#include <cstddef>
#include <string>

#include "parley/core/result.h"

namespace parley {

// How a missing file is reported. The scenario commands have always said
// "cannot open the file" and the Genius importer "no such file"; golden
// outputs and users' scripts depend on each.
enum class MissingFile { cannot_open, no_such_file };

// The whole file, or unreadable (missing, a directory, a device that is not a
// stream, a read error), or invalid input when it holds more than max_bytes
// ("the file is larger than N bytes; parley reads at most N bytes").
Result<std::string> read_text_file(const std::string& path, std::size_t max_bytes,
                                   MissingFile missing = MissingFile::cannot_open);

// Writes `text` to a temporary file beside `path` and renames it over `path`,
// so that an existing file is replaced whole or not at all (with its
// permissions). Returns what went wrong, empty on success.
std::string write_file_atomically(const std::string& path, const std::string& text);

// Writes `text` to `path` directly (truncating); false when it cannot.
bool write_text_file(const std::string& path, const std::string& text);

}  // namespace parley
