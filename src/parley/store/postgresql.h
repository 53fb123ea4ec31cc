// PostgreSQL behind store::Database (database.h), through libpqxx: SERIALIZABLE
// transactions, rerun on serialization failures; `?` placeholders numbered.
#pragma once

#include "parley/store/database.h"

namespace parley::store {

// `url`: postgresql://user[:password]@host[:port]/dbname[?options] (libpq's URI form).
Result<std::unique_ptr<Database>> open_postgresql(const std::string& url, const std::vector<Migration>& migrations);

}  // namespace parley::store
