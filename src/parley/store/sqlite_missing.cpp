// Stand-in for sqlite.cpp on the PostgreSQL branch until the SQLite backend
// lands (CMakeLists.txt picks it only when sqlite.cpp is absent; the merge
// removes it).
#include "parley/store/sqlite.h"

namespace parley::store {

Result<std::unique_ptr<Database>> open_sqlite(const std::string& path, const std::vector<Migration>&) {
  return Result<std::unique_ptr<Database>>::fail(path, "", "this parley was built without SQLite support");
}

}  // namespace parley::store
