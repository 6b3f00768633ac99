#include "writable_index.h"

#include "newsdex/common/error.h"
#include "newsdex/common/schema.h"

namespace newsdex::indexer {

Xapian::WritableDatabase open_writable_index(const std::string& path, std::string_view what) {
  const std::string name(what);
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    const std::string key(schema::kSchemaVersionKey);
    const std::string version = db.get_metadata(key);
    if (version.empty()) {
      db.set_metadata(key, std::string(schema::kSchemaVersion));
    } else if (version != schema::kSchemaVersion) {
      throw IndexError(path + ": " + name + " has schema version " + version +
                       ", this newsdex writes " + std::string(schema::kSchemaVersion) +
                       "; rebuild it into a new directory");
    }
    return db;
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexLockedError(path + ": " + name + " is locked by another indexer");
  } catch (const Xapian::Error& e) {
    throw IndexError(path + ": cannot open " + name + " for writing: " + e.get_description());
  }
}

}  // namespace newsdex::indexer
