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
#include <mutex>
#include <string>

#include "parley/core/module.h"
#include "parley/store/postgresql.h"

namespace parley::store {

namespace {
constexpr const char* kModule = "libparley_postgresql.so";
using Entry = void (*)(const std::string&, const std::vector<Migration>&, Result<std::unique_ptr<Database>>&);
}  // namespace

Result<std::unique_ptr<Database>> open_postgresql(const std::string& url, const std::vector<Migration>& migrations) {
  static std::once_flag once;
  static Entry entry = nullptr;
  static std::string why;
  std::call_once(once, [] {
    entry = reinterpret_cast<Entry>(
        load_module_entry(kModule, "PARLEY_POSTGRESQL_MODULE", "parley_open_postgresql", &why));
  });
  if (entry == nullptr) {
    return Failure{redacted(url),
                   {Diagnostic{"", "PostgreSQL support (" + std::string(kModule) + ") could not be loaded: " + why,
                               "install it beside the parley binary, or name it in PARLEY_POSTGRESQL_MODULE"}},
                   FailureKind::unreadable};
  }
  Result<std::unique_ptr<Database>> out = Failure{redacted(url), {Diagnostic{"", "not opened", ""}}, FailureKind::unreadable};
  entry(url, migrations, out);
  return out;
}

}  // namespace parley::store
