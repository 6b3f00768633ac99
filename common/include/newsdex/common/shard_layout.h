// newsdex/common/shard_layout.h — the on-disk layout of a sharded index.
//
// A sharded index is a directory holding `shard-0` ... `shard-N-1` (one
// Xapian database each), `aux` (the spelling dictionary, synonyms and
// metadata, which Xapian's remote backend cannot serve) and `shards.stub`,
// a Xapian stub database file listing them: `auto aux` first, then one line
// per shard in order, each `auto shard-K` or, for a shard served by
// xapian-tcpsrv, `remote HOST:PORT` (docs/scaling.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::shards {

/// The stub file's name inside a sharded index directory.
inline constexpr std::string_view kStubName = "shards.stub";
/// The auxiliary database's folder name.
inline constexpr std::string_view kAuxName = "aux";
/// Metadata key (in aux) holding the number of shards.
inline constexpr std::string_view kShardCountKey = "newsdex.shards";
/// Most shards an index may have.
inline constexpr unsigned kMaxShards = 1024;

/// The folder name of shard `k`: "shard-K".
std::string shard_name(unsigned k);

/// The shard an article belongs to among `count`: a stable hash (64-bit
/// FNV-1a) of its id, so every version of an id, and its deletion, reaches
/// the same shard on every machine and in every run.
unsigned shard_of(std::string_view id, unsigned count);

/// One database line of a stub file.
struct StubEntry {
  enum class Kind {
    kLocal,    ///< `auto PATH` (or glass/chert/...): a database folder
    kRemote,   ///< `remote HOST:PORT`: a xapian-tcpsrv
    kProgram,  ///< `remote :PROGRAM ARGS`: a program speaking the protocol on stdin/stdout
  };
  Kind kind = Kind::kLocal;
  std::string path;        ///< kLocal: absolute, or relative to the stub's folder as written
  std::string host;        ///< kRemote
  unsigned port = 0;       ///< kRemote
  std::string program;     ///< kProgram
  std::string args;        ///< kProgram
  std::uint64_t line = 0;  ///< line number in the stub, for messages
  /// How the entry is named in messages and `missing_shards`: HOST:PORT,
  /// the program line, or the path.
  std::string label() const;
};

/// The parsed stub of a sharded index.
struct Stub {
  /// The entry of the auxiliary database (first line `auto aux`), if any.
  bool has_aux = false;
  /// Every entry in order, the auxiliary one first when present.
  std::vector<StubEntry> entries;
  /// Number of shards (entries other than the auxiliary one).
  unsigned shard_count() const noexcept {
    return static_cast<unsigned>(entries.size() - (has_aux ? 1 : 0));
  }
};

/// Whether `dir` is a sharded index (holds a shards.stub).
bool is_sharded(const std::string& dir);

/// Reads `dir`/shards.stub with Xapian's stub syntax (# comments, blank
/// lines; `auto`, `glass`, `chert`, `remote HOST:PORT`, `remote :PROGRAM`).
/// @throws IndexError naming the file and line of anything else
Stub read_stub(const std::string& dir);

/// Writes `dir`/shards.stub for `count` local shards (`auto aux`, then
/// `auto shard-K`), atomically (a temporary file renamed into place).
/// @throws IndexError if it cannot be written
void write_local_stub(const std::string& dir, unsigned count);

}  // namespace newsdex::shards
