// Stand-in for postgresql.cpp in a build without the PostgreSQL backend
// (CMakeLists.txt picks it only when postgresql.cpp is absent).
#include "parley/store/postgresql.h"

namespace parley::store {

Result<std::unique_ptr<Database>> open_postgresql(const std::string& url, const std::vector<Migration>&) {
  return Result<std::unique_ptr<Database>>::fail(redacted(url), "",
                                                 "this parley was built without PostgreSQL support");
}

}  // namespace parley::store
