#include "parley/server/static_files.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>
#include <system_error>

namespace parley::server {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A strong validator from the content: the same bytes give the same tag
// across restarts and across servers behind one load balancer.
std::string etag_of(const std::string& body) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(body.data(), body.size(), digest.data(), &length, EVP_sha256(), nullptr);
  static constexpr char hex[] = "0123456789abcdef";
  std::string tag = "\"";
  for (unsigned int i = 0; i < std::min(length, 10u); ++i) {
    tag += hex[digest[i] >> 4];
    tag += hex[digest[i] & 15];
  }
  return tag + "\"";
}

// Vite writes its output under assets/ as NAME-HASH.EXT, the hash 8 of
// [A-Za-z0-9_-]: such a name never holds other bytes, so browsers may keep
// it for good. Everything else (index.html, files copied from public/) is
// revalidated on each load.
bool is_hashed_asset(std::string_view key) {
  if (!key.starts_with("/assets/")) return false;
  const std::string_view name = key.substr(key.rfind('/') + 1);
  const std::size_t dot = name.find('.');
  if (dot == std::string_view::npos) return false;
  const std::string_view stem = name.substr(0, dot);
  constexpr std::size_t kHash = 8;
  if (stem.size() < kHash + 2 || stem[stem.size() - kHash - 1] != '-') return false;
  return std::all_of(stem.end() - kHash, stem.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

StaticFile make_file(std::string key, std::string body) {
  StaticFile f;
  f.content_type = content_type_for(key);
  f.etag = etag_of(body);
  f.cache_control = is_hashed_asset(key) ? "public, max-age=31536000, immutable" : "no-cache";
  f.body = std::move(body);
  return f;
}

// What "/" answers when the bundle was not built (no npm where parley was
// built): the API works all the same. No folder name in it: visitors need
// not learn the server's file system; the server prints it on stderr.
constexpr std::string_view kNotBuiltPage = R"(<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>parley: the web page was not built</title></head>
<body>
<h1>The web page was not built</h1>
<p>This parley server works, but its web page was not built when parley was built:
building it needs Node.js and npm.</p>
<p>To build it: install Node.js and npm (<code>scripts/install-deps.sh</code> does), run
<code>make build</code> in the parley folder, then start <code>parley serve</code> again.</p>
<p>The negotiation rooms' HTTP API answers at <code>/v1/</code> in the meantime (see docs/room-api.md).</p>
</body>
</html>
)";

bool inside(const fs::path& root, const fs::path& target) {
  const auto [r, t] = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
  return r == root.end();
}

}  // namespace

std::string content_type_for(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  const std::size_t slash = name.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return "application/octet-stream";
  }
  static const std::map<std::string, std::string, std::less<>> types = {
      {"html", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"json", "application/json"},
      {"map", "application/json"},
      {"geojson", "application/geo+json"},
      {"webmanifest", "application/manifest+json"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"txt", "text/plain; charset=utf-8"},
      {"wasm", "application/wasm"},
  };
  const auto found = types.find(lower(name.substr(dot + 1)));
  return found == types.end() ? "application/octet-stream" : found->second;
}

Result<StaticFiles> StaticFiles::load(const fs::path& dir, StaticLimits limits) {
  StaticFiles out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    out.files_.emplace("/", StaticFile{std::string(kNotBuiltPage), "text/html; charset=utf-8",
                                       etag_of(std::string(kNotBuiltPage)), "no-store"});
    return out;
  }
  const fs::path root = fs::canonical(dir, ec);
  if (ec) return Result<StaticFiles>::fail(dir.string(), "", "cannot open the web folder: " + ec.message());
  const std::string where = dir.string();
  std::size_t total = 0, seen = 0;
  // The iterator keeps its own stack of open folders (no recursion here) and
  // does not descend into symlinked folders.
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end;
  if (ec) return Result<StaticFiles>::fail(where, "", "cannot list the web folder: " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return Result<StaticFiles>::fail(where, "", "cannot list the web folder: " + ec.message());
    if (++seen > limits.max_files) {
      return Result<StaticFiles>::fail(where, "", "the web folder holds more than " + std::to_string(limits.max_files) +
                                                      " entries: is it the web page's built bundle?");
    }
    const fs::directory_entry& entry = *it;
    const std::string name = entry.path().filename().string();
    const fs::file_status link = entry.symlink_status(ec);
    if (ec) continue;  // gone since it was listed
    if (name.starts_with('.')) {
      if (fs::is_directory(link)) it.disable_recursion_pending();
      continue;
    }
    fs::path file = entry.path();
    if (fs::is_symlink(link)) {
      // A link to a file inside the folder is that file; anything else
      // (outside, a folder, dangling) is not served.
      const fs::path target = fs::canonical(file, ec);
      if (ec || !inside(root, target) || !fs::is_regular_file(target, ec)) continue;
      file = target;
    } else if (!fs::is_regular_file(link)) {
      continue;
    }
    const fs::path relative = entry.path().lexically_relative(root);
    const std::string key = "/" + relative.generic_string();
    // The size first, so that a huge file is refused before it is read.
    const std::uintmax_t size = fs::file_size(file, ec);
    if (ec) return Result<StaticFiles>::fail(where, "", "cannot read " + relative.generic_string() + ": " + ec.message());
    total += size;
    if (total > limits.max_total_bytes) {
      return Result<StaticFiles>::fail(where, "", "the web folder holds more than " +
                                                      std::to_string(limits.max_total_bytes >> 20) +
                                                      " MiB of files: is it the web page's built bundle?");
    }
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.is_open() || in.bad()) return Result<StaticFiles>::fail(where, "", "cannot read " + relative.generic_string());
    out.files_.emplace(key, make_file(key, std::move(bytes)));
  }
  out.built_ = out.files_.count("/index.html") > 0;
  if (!out.built_) {
    out.files_.emplace("/", StaticFile{std::string(kNotBuiltPage), "text/html; charset=utf-8",
                                       etag_of(std::string(kNotBuiltPage)), "no-store"});
  }
  return out;
}

const StaticFile* StaticFiles::find(std::string_view path) const {
  if (path == "/" && built_) path = "/index.html";
  if (!path.starts_with('/')) return nullptr;
  // Checked although only listed files are ever found: a name the folder
  // really holds ("a\b" is a file name on Linux) is still not reachable
  // through a path some server or proxy might read otherwise.
  if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos) return nullptr;
  std::size_t start = 1;
  while (path != "/") {
    const std::size_t slash = path.find('/', start);
    const std::string_view segment = path.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (segment.empty() || segment == "." || segment == "..") return nullptr;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  const auto found = files_.find(path);
  return found == files_.end() ? nullptr : &found->second;
}

}  // namespace parley::server
