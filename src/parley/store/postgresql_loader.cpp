// open_postgresql() for the program: loads the PostgreSQL backend
// (postgresql.cpp, built as the module libparley_postgresql.so) the first
// time a postgresql:// URL is opened, and calls it.
//
// Why a module: libpqxx brings libpq, and libpq Kerberos, LDAP, GnuTLS and a
// dozen more libraries, all loaded and bound (Debian builds them BIND_NOW)
// before main() of every command, though only `parley serve` with a
// PostgreSQL URL uses them: a quarter of a small command's start-up (issue
// 19). GnuTLS also replaces GMP's allocator with one that wipes every block,
// which slowed every exact big number by a fifth.
//
// Where: $PARLEY_POSTGRESQL_MODULE when set; else beside the file holding this
// code (the parley binary, the tests) or one folder up (the Python module,
// in build/python); else the dynamic loader's own search.
#include <dlfcn.h>

#include <mutex>
#include <string>

#include "parley/store/postgresql.h"

namespace parley::store {

namespace {

constexpr const char* kModule = "libparley_postgresql.so";
using Entry = void (*)(const std::string&, const std::vector<Migration>&, Result<std::unique_ptr<Database>>&);

std::string folder_of_this_code() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<const void*>(&folder_of_this_code), &info) == 0 || info.dli_fname == nullptr) return "";
  const std::string file = info.dli_fname;
  const std::size_t slash = file.rfind('/');
  return slash == std::string::npos ? "" : file.substr(0, slash + 1);
}

struct Loaded {
  Entry entry = nullptr;
  std::string error;  // why it could not be loaded
};

Loaded load() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("PARLEY_POSTGRESQL_MODULE"); env != nullptr && *env != '\0') {
    candidates.emplace_back(env);
  } else {
    const std::string here = folder_of_this_code();
    if (!here.empty()) {
      candidates.push_back(here + kModule);
      candidates.push_back(here + "../" + kModule);
    }
    candidates.emplace_back(kModule);
  }
  Loaded out;
  for (const std::string& path : candidates) {
    // Never closed: the databases it opens live as long as the program.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      if (out.error.empty()) out.error = dlerror();
      continue;
    }
    out.entry = reinterpret_cast<Entry>(dlsym(handle, "parley_open_postgresql"));
    if (out.entry != nullptr) return out;
    out.error = path + " has no entry point parley_open_postgresql";
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<Database>> open_postgresql(const std::string& url, const std::vector<Migration>& migrations) {
  static std::once_flag once;
  static Loaded loaded;
  std::call_once(once, [] { loaded = load(); });
  if (loaded.entry == nullptr) {
    return Failure{redacted(url),
                   {Diagnostic{"", "PostgreSQL support (" + std::string(kModule) + ") could not be loaded: " +
                                       loaded.error,
                               "install it beside the parley binary, or name it in PARLEY_POSTGRESQL_MODULE"}},
                   FailureKind::unreadable};
  }
  Result<std::unique_ptr<Database>> out = Failure{redacted(url), {Diagnostic{"", "not opened", ""}}, FailureKind::unreadable};
  loaded.entry(url, migrations, out);
  return out;
}

}  // namespace parley::store
