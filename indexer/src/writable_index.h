// writable_index.h (internal) — opening a newsdex database for writing.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace newsdex::indexer {

/// Opens (creating) the Xapian database at `path` for writing; the handle
/// holds its lock, which another writer meets as IndexLockedError. A new
/// database is stamped with this newsdex's schema version, another version
/// is refused. `what` names the database in errors ("index", "shard").
/// @throws IndexLockedError, IndexError
Xapian::WritableDatabase open_writable_index(const std::string& path, std::string_view what);

}  // namespace newsdex::indexer
