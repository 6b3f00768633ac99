// sharded_database.h (internal) — opens a sharded index (its shards.stub)
// as one Xapian::Database: local shards as folders, remote ones with
// Xapian::Remote::open and a timeout (a stub line cannot carry one), and
// with allow_partial leaves out the shards that cannot be reached.
#pragma once

#include <xapian.h>

#include <chrono>
#include <string>
#include <vector>

#include "newsdex/common/shard_layout.h"

namespace newsdex::searcher {

class ShardedDatabase {
 public:
  /// Reads `dir`/shards.stub. @throws IndexError for a bad stub
  ShardedDatabase(std::string dir, std::chrono::milliseconds timeout, bool allow_partial);

  /// Connects to every entry of the stub afresh (a Xapian remote database
  /// whose server died stays broken, even once the server is back) and
  /// returns them as one database, in stub order (the auxiliary database
  /// first, so that its metadata, spelling and synonyms are read).
  /// With allow_partial, entries that fail are left out and listed by
  /// missing(); at least one shard must answer.
  /// @throws ShardUnavailableError naming the entry that failed
  Xapian::Database connect();

  /// One shard of the index, opened on its own.
  struct Shard {
    std::string label;  ///< HOST:PORT, or the path
    Xapian::Database db;
    bool remote = false;
  };

  /// The shards the last connect() reached, each opened on its own handle
  /// (not the auxiliary database): for work that runs on every shard at
  /// once, one thread each, as a Xapian::Database must not be shared
  /// between threads.
  /// @throws Xapian::Error when a shard cannot be opened
  std::vector<Shard> open_apart() const;

  /// Labels (HOST:PORT, or the path) of the entries the last connect()
  /// left out.
  const std::vector<std::string>& missing() const noexcept { return missing_; }

  /// Whether some entry is served remotely (then some Xapian features need
  /// workarounds: docs/scaling.md).
  bool has_remote() const noexcept { return has_remote_; }

  /// Whether it is time to try the missing entries again: at most once a
  /// second, so a search does not pay a connect timeout every time.
  bool retry_due() const;

  const std::string& dir() const noexcept { return dir_; }

 private:
  Xapian::Database open_entry(const shards::StubEntry& entry) const;

  std::string dir_;
  shards::Stub stub_;
  std::chrono::milliseconds timeout_;
  bool allow_partial_;
  bool has_remote_ = false;
  std::vector<std::string> missing_;
  std::chrono::steady_clock::time_point last_connect_{};
};

}  // namespace newsdex::searcher
