// The web page's built files (the Vite bundle of web/), served by `parley
// serve` at `/` beside the API. Every file is read once, when the server
// starts, into memory: a request can only ever name a file that was found
// under the folder then, so no request path (.., %2e%2e, backslashes, an
// absolute path, a symlink) reaches the file system at all. A rebuilt bundle
// is served after a restart.
//
//   Result<StaticFiles> web = StaticFiles::load("build/web");
//   if (!web.value().built()) ...;           // no index.html: "/" says how to build it
//   const StaticFile* f = web.value().find("/assets/index-3Fa9c1x2.js");
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "parley/core/result.h"

namespace parley::server {

struct StaticFile {
  std::string body;
  std::string content_type;   // "text/javascript; charset=utf-8"
  std::string etag;           // "\"<20 hex digits of the body's SHA-256>\""
  std::string cache_control;  // "no-cache" (index.html), "public, max-age=31536000, immutable" (hashed assets)
};

struct StaticLimits {
  // A folder past these is not a web bundle (a mistyped --web /): refused
  // at start rather than read into memory.
  std::size_t max_files = 10000;
  std::size_t max_total_bytes = 64u << 20;
};

class StaticFiles {
 public:
  // Reads every regular file under `dir`. Skipped: names starting with a dot
  // (and what is under such folders), symlinks to folders, and symlinks to
  // files outside `dir`. A folder that does not exist, or holds no
  // index.html, gives a set that is not built(): it answers "/" with a page
  // saying the web page was not built and how to build it. Fails on a folder
  // past `limits` or a file that cannot be read.
  static Result<StaticFiles> load(const std::filesystem::path& dir, StaticLimits limits = {});

  bool built() const { return built_; }
  std::size_t size() const { return files_.size(); }
  // The file for a request path as decoded by the HTTP layer ("/" and
  // "/index.html" are index.html), or nullptr: a path with an empty, "." or
  // ".." segment, a backslash or a NUL is never found.
  const StaticFile* find(std::string_view path) const;

 private:
  bool built_ = false;
  std::map<std::string, StaticFile, std::less<>> files_;  // "/assets/x.js"
};

// The Content-Type for a file name, by its extension (html, js, css, svg,
// png, json, woff2, ico and a few more); application/octet-stream otherwise.
std::string content_type_for(std::string_view name);

// Headers on every response for the page (files, the not-built page, 404s):
// the page loads nothing from elsewhere and cannot be framed.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

}  // namespace parley::server
