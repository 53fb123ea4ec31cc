// SQLite behind store::Database (database.h): one file, WAL, synchronous=FULL,
// BEGIN IMMEDIATE transactions, busy waits retried; read() on read-only
// connections of its own.
#pragma once

#include "parley/store/database.h"

namespace parley::store {

Result<std::unique_ptr<Database>> open_sqlite(const std::string& path, const std::vector<Migration>& migrations);

}  // namespace parley::store
