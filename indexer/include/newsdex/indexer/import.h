// newsdex/indexer/import.h — imports input files into an index.
//
// Takes files, directories (searched recursively for *.jsonl / *.ndjson) and
// "-" (standard input); reads each as JSON Lines; hands every good article to
// an Indexer and every bad record to a callback; commits at the end.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "newsdex/common/error.h"
#include "newsdex/indexer/indexer.h"

namespace newsdex::indexer {

/// Counts of one import run.
struct ImportReport {
  std::uint64_t files = 0;     ///< input files read
  std::uint64_t added = 0;     ///< articles new to the index
  std::uint64_t replaced = 0;  ///< articles whose id was already indexed
  std::uint64_t rejected = 0;  ///< records skipped as invalid
  std::uint64_t bytes = 0;     ///< input bytes read
  double seconds = 0;          ///< wall-clock time of the run

  std::uint64_t indexed() const noexcept { return added + replaced; }
};

/// Where an import run is, for progress displays.
struct ImportProgress {
  std::uint64_t articles = 0;     ///< articles indexed so far
  std::uint64_t bytes_done = 0;   ///< input bytes consumed so far
  std::uint64_t bytes_total = 0;  ///< total input size (0 when unknown, e.g. stdin)
  double seconds = 0;             ///< elapsed wall-clock time
};

/// Hooks called during an import; any may be left empty.
struct ImportCallbacks {
  /// Called for each rejected record, with the file, line, field and reason.
  std::function<void(const InputError&)> on_rejected;
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
                           const ImportCallbacks& callbacks = {});

}  // namespace newsdex::indexer
