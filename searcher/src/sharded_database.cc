#include "sharded_database.h"

#include <algorithm>
#include <filesystem>

#include "newsdex/common/error.h"

namespace newsdex::searcher {
namespace {

constexpr std::chrono::seconds kRetryEvery{1};

}  // namespace

ShardedDatabase::ShardedDatabase(std::string dir, std::chrono::milliseconds timeout,
                                 bool allow_partial)
    : dir_(std::move(dir)),
      stub_(shards::read_stub(dir_)),
      timeout_(timeout),
      allow_partial_(allow_partial) {
  for (const shards::StubEntry& entry : stub_.entries) {
    if (entry.kind != shards::StubEntry::Kind::kLocal) has_remote_ = true;
  }
}

Xapian::Database ShardedDatabase::open_entry(const shards::StubEntry& entry) const {
  const auto ms = static_cast<useconds_t>(timeout_.count());
  switch (entry.kind) {
    case shards::StubEntry::Kind::kRemote:
      return Xapian::Remote::open(entry.host, entry.port, ms, ms);
    case shards::StubEntry::Kind::kProgram:
      return Xapian::Remote::open(entry.program, entry.args);
    case shards::StubEntry::Kind::kLocal:
      break;
  }
  const std::filesystem::path path(entry.path);
  return Xapian::Database(path.is_absolute() ? path.string()
                                             : (std::filesystem::path(dir_) / path).string());
}

Xapian::Database ShardedDatabase::connect() {
  last_connect_ = std::chrono::steady_clock::now();
  missing_.clear();
  Xapian::Database all;
  std::size_t shards_open = 0;
  for (std::size_t i = 0; i < stub_.entries.size(); ++i) {
    const shards::StubEntry& entry = stub_.entries[i];
    const bool is_aux = stub_.has_aux && i == 0;
    try {
      all.add_database(open_entry(entry));
      if (!is_aux) ++shards_open;
    } catch (const Xapian::Error& e) {
      const std::string what = (is_aux ? "auxiliary database " : "shard ") + entry.label() + " (" +
                               dir_ + "/" + std::string(shards::kStubName) + " line " +
                               std::to_string(entry.line) + ") unavailable: " + e.get_description();
      if (!allow_partial_) throw ShardUnavailableError(what);
      missing_.push_back(entry.label());
    }
  }
  if (shards_open == 0) {
    throw ShardUnavailableError(dir_ + ": no shard of the index could be reached");
  }
  return all;
}

std::vector<ShardedDatabase::Shard> ShardedDatabase::open_apart() const {
  std::vector<Shard> shards;
  for (std::size_t i = 0; i < stub_.entries.size(); ++i) {
    const shards::StubEntry& entry = stub_.entries[i];
    const std::string label = entry.label();
    if ((stub_.has_aux && i == 0) ||
        std::find(missing_.begin(), missing_.end(), label) != missing_.end()) {
      continue;
    }
    shards.push_back({label, open_entry(entry), entry.kind != shards::StubEntry::Kind::kLocal});
  }
  return shards;
}

bool ShardedDatabase::retry_due() const {
  return std::chrono::steady_clock::now() - last_connect_ >= kRetryEvery;
}

}  // namespace newsdex::searcher
