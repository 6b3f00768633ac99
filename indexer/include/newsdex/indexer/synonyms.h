// newsdex/indexer/synonyms.h — groups of words and phrases that mean the same
// ("US, USA, United States"), for Indexer::set_synonyms().
//
// The groups are stored in the index; the searcher expands a query word (or
// run of words) found in a group into all of the group's entries (docs/news.md).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace newsdex::indexer {

/// Entries that mean the same; each a word or several ("United States").
struct SynonymGroup {
  std::vector<std::string> entries;  ///< as written, trimmed; at least two
  std::string file;                  ///< where the group was read, for errors ("" if not)
  std::uint64_t line = 0;            ///< 1-based line in `file` (0 if not from a file)
};

/// Reads synonym groups, one per line: entries separated by commas
/// (`US, USA, United States, U.S.`). Blank lines and lines starting with `#`
/// are skipped. `name` is the file name used in errors.
/// @throws InputError (file:line: reason) for a group of fewer than two
///         entries or an empty entry (`a,,b`, a trailing comma)
std::vector<SynonymGroup> read_synonyms(std::istream& in, const std::string& name);

/// read_synonyms() of the file at `path`.
/// @throws InputError if the file cannot be read, or as read_synonyms()
std::vector<SynonymGroup> load_synonyms(const std::string& path);

}  // namespace newsdex::indexer
