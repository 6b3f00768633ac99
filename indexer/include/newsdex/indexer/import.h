// newsdex/indexer/import.h — imports input files into an index.
//
// Takes files, directories (searched recursively for the formats newsdex
// reads) and "-" (standard input); reads each with its ArticleReader;
// checks and repairs every article; hands good ones to an Indexer and bad
// records to a callback; commits at the end.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "newsdex/common/error.h"
#include "newsdex/indexer/article_reader.h"
#include "newsdex/indexer/indexer.h"

namespace newsdex::indexer {

/// Settings of one import run.
struct ImportOptions {
  /// Input format and reader settings. Default: detect per file.
  ReaderOptions reader;
  /// Longest field kept, in bytes (longer ones are cut, with a warning).
  /// Default 1 MiB.
  std::size_t max_field_bytes = 1 << 20;
  /// Stop after this many rejected records (0: never stop). The batch in
  /// progress is then discarded; earlier batches stay committed.
  std::uint64_t max_errors = 0;
  /// Stop at the first rejected record, discarding the batch in progress.
  bool strict = false;
  /// Sources to prune: after the import, delete each one's articles whose
  /// ids the input did not contain (an outlet's feed is the truth).
  std::vector<std::string> prune_sources;
};

/// What one input file gave.
struct FileReport {
  std::string path;
  /// The reader used: "jsonl", "csv", "rss", ... with " (gzip)" or
  /// " (zstd)" for compressed input; empty when the file could not be read.
  std::string format;
  std::uint64_t indexed = 0;    ///< articles added or replaced
  std::uint64_t unchanged = 0;  ///< articles already indexed as they are
  std::uint64_t rejected = 0;   ///< records skipped (or the file itself)
  std::uint64_t warnings = 0;   ///< problems repaired
};

/// Counts of one import run.
struct ImportReport {
  std::uint64_t files = 0;      ///< input files read
  std::uint64_t added = 0;      ///< articles new to the index
  std::uint64_t replaced = 0;   ///< articles whose content changed
  std::uint64_t unchanged = 0;  ///< articles already indexed as they are
  std::uint64_t deleted = 0;    ///< articles removed by pruning
  std::uint64_t rejected = 0;   ///< records skipped as invalid
  std::uint64_t warnings = 0;   ///< problems repaired
  /// Articles left to another shard's run (IndexOptions::only_shard).
  std::uint64_t other_shards = 0;
  std::uint64_t bytes = 0;  ///< input bytes read
  double seconds = 0;       ///< wall-clock time of the run
  /// Rejected records by kind ("published: not an ISO 8601 date", ...).
  std::map<std::string, std::uint64_t> rejected_by_reason;
  /// True when the run stopped early (strict or max_errors).
  bool stopped = false;
  /// Each input file, in the order read.
  std::vector<FileReport> per_file;

  std::uint64_t indexed() const noexcept { return added + replaced; }
};

/// Where an import run is, for progress displays.
struct ImportProgress {
  std::uint64_t articles = 0;     ///< articles read so far
  std::uint64_t bytes_done = 0;   ///< input bytes consumed so far
  std::uint64_t bytes_total = 0;  ///< total input size (0 when unknown, e.g. stdin)
  double seconds = 0;             ///< elapsed wall-clock time
};

/// Hooks called during an import; any may be left empty.
struct ImportCallbacks {
  /// Called for each rejected record, with the file, line, field and reason.
  std::function<void(const InputError&)> on_rejected;
  /// Called for each repaired problem.
  std::function<void(const InputWarning&)> on_warning;
  /// Called every few hundred articles and once at the end.
  std::function<void(const ImportProgress&)> on_progress;
};

/// Expands directories into the input files they contain (sorted, recursive)
/// and checks that every path exists.
/// @throws InputError naming the first path that does not exist
std::vector<std::string> expand_inputs(const std::vector<std::string>& paths);

/// Reads every input into `indexer`, then commits.
/// @throws InputError if an input cannot be opened; IndexError on write failure
ImportReport import_inputs(Indexer& indexer, const std::vector<std::string>& paths,
                           const ImportCallbacks& callbacks = {},
                           const ImportOptions& options = {});

}  // namespace newsdex::indexer
