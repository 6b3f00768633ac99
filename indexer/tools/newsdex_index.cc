// newsdex-index: imports articles into a newsdex index, or deletes them.
// A thin shell over newsdex::indexer::import_inputs() and Indexer.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli.h"
#include "newsdex/indexer/import.h"
#include "newsdex/indexer/synonyms.h"
#include "progress_bar.h"

namespace po = boost::program_options;
using namespace newsdex;

namespace {

constexpr std::string_view kTool = "newsdex-index";
constexpr std::uint64_t kMaxMessagesShown = 50;

constexpr const char* kUsage = R"(Usage: newsdex-index [options] INPUT...
       newsdex-index [options] delete ID...
       newsdex-index [options] --synonyms FILE [INPUT...]

Imports news articles into a newsdex index (created if missing). INPUT is a
file, a directory (searched recursively) or - for standard input, in any of
JSON Lines, JSON array, CSV, TSV, RSS, Atom, NewsML-G2, NITF or HTML, plain
or gzip/zstd-compressed; the format comes from --format, the file name or
the content (docs/formats.md). An article whose id is already
indexed is replaced if its content changed and skipped if not, so re-running
an import is cheap. Invalid records are reported as file:line: field: reason
and skipped; the rest is still indexed. Problems that could be repaired
(invalid UTF-8, control characters, overlong fields, missing ids, duplicate
ids) are reported as warnings. `delete ID...` removes articles by id.
--synonyms FILE replaces the synonym groups stored in the index with the
file's (one group per line: US, USA, United States, U.S.; # comments);
searches then expand a word of a group into the whole group.

A new (or empty) index is built on every core: each thread writes its own
segment and the segments are merged at the end, so the index shows nothing
until the import finishes (an interrupted build leaves it empty; run it
again). Later imports into it update it in batches, each committed atomically.

Sharded index (docs/scaling.md): --shards N creates N shard databases, an
auxiliary one (spelling, synonyms) and DIR/shards.stub, each article in the
shard its id hashes to; the first import builds the shards as a new index is
built (shown at the end), later imports write them in place and keep the
layout. --shard K imports only shard K's articles, so that each machine
builds its own shard from the same feed (add --aux on the one run that
writes the auxiliary database); newsdex-search opens DIR like any index.

Examples:
  newsdex-index corpus/sample
  newsdex-index --db /srv/news.db archive-2024.jsonl archive-2025.jsonl
  newsdex-index feeds/ archive.csv.gz --map body="Story Text"
  zcat feed.jsonl.gz | newsdex-index -
  newsdex-index --prune-source "Global Wire" globalwire-today.jsonl
  newsdex-index --strict --json nightly.jsonl
  newsdex-index --threads 1 --db new.db big.jsonl     (one thread, batch commits)
  newsdex-index delete nd-0045 nd-0046
  newsdex-index --synonyms synonyms.txt
  newsdex-index --shards 3 --db /srv/news feed.jsonl    (a sharded index)
  newsdex-index --shards 3 --shard 1 --db /srv/news feed.jsonl   (shard 1 only)

Exit codes: 0 ok, 1 failure (index locked or unwritable, unreadable input,
            stopped by --strict or --max-errors), 2 bad command line,
            3 done but some records were rejected.

Options)";

void print_summary(const indexer::ImportReport& report, std::uint64_t total_docs, bool as_json) {
  const double docs_per_second =
      report.seconds > 0 ? static_cast<double>(report.indexed() + report.unchanged) / report.seconds
                         : 0;
  const double mb_per_second =
      report.seconds > 0 ? static_cast<double>(report.bytes) / 1e6 / report.seconds : 0;
  if (as_json) {
    nlohmann::ordered_json summary = {
        {"files", report.files},           {"indexed", report.indexed()},
        {"added", report.added},           {"updated", report.replaced},
        {"unchanged", report.unchanged},   {"deleted", report.deleted},
        {"rejected", report.rejected},     {"rejected_by_reason", report.rejected_by_reason},
        {"warnings", report.warnings},     {"other_shards", report.other_shards},
        {"stopped", report.stopped},       {"bytes", report.bytes},
        {"seconds", report.seconds},       {"docs_per_second", docs_per_second},
        {"documents_in_index", total_docs}};
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const auto& file : report.per_file) {
      files.push_back({{"path", file.path},
                       {"format", file.format},
                       {"indexed", file.indexed},
                       {"unchanged", file.unchanged},
                       {"rejected", file.rejected},
                       {"warnings", file.warnings}});
    }
    summary["per_file"] = std::move(files);
    std::cout << summary.dump() << "\n";
    return;
  }
  std::printf(
      "indexed %s articles (%s new, %s updated), %s unchanged, %s deleted, %s rejected, "
      "%s warnings, in %.2f s (%s docs/s, %.1f MB/s); the index holds %s articles\n",
      cli::group_thousands(report.indexed()).c_str(), cli::group_thousands(report.added).c_str(),
      cli::group_thousands(report.replaced).c_str(), cli::group_thousands(report.unchanged).c_str(),
      cli::group_thousands(report.deleted).c_str(), cli::group_thousands(report.rejected).c_str(),
      cli::group_thousands(report.warnings).c_str(), report.seconds,
      cli::group_thousands(static_cast<std::uint64_t>(docs_per_second)).c_str(), mb_per_second,
      cli::group_thousands(total_docs).c_str());
  if (report.other_shards > 0) {
    std::printf("  %s articles belong to other shards (left to their runs)\n",
                cli::group_thousands(report.other_shards).c_str());
  }
  for (const auto& [reason, count] : report.rejected_by_reason) {
    std::printf("  rejected %s: %s\n", cli::group_thousands(count).c_str(), reason.c_str());
  }
  // One line per file when several were read (a long list only with --json).
  constexpr std::size_t kMaxFileLines = 50;
  if (report.per_file.size() > 1 && report.per_file.size() <= kMaxFileLines) {
    for (const auto& file : report.per_file) {
      std::printf(
          "  %s: %s, %s indexed, %s unchanged, %s rejected, %s warnings\n", file.path.c_str(),
          file.format.empty() ? "unreadable" : file.format.c_str(),
          cli::group_thousands(file.indexed).c_str(), cli::group_thousands(file.unchanged).c_str(),
          cli::group_thousands(file.rejected).c_str(), cli::group_thousands(file.warnings).c_str());
    }
  } else if (report.per_file.size() > kMaxFileLines) {
    std::printf("  %s files; --json lists what each gave\n",
                cli::group_thousands(report.per_file.size()).c_str());
  }
}

int delete_ids(indexer::Indexer& index, const std::vector<std::string>& ids, bool as_json,
               bool quiet) {
  std::uint64_t deleted = 0;
  std::vector<std::string> missing;
  for (const auto& id : ids) {
    if (index.remove(id))
      ++deleted;
    else
      missing.push_back(id);
  }
  index.commit();
  for (const auto& id : missing)
    std::cerr << kTool << ": warning: no article with id " << id << "\n";
  if (as_json) {
    std::cout << nlohmann::ordered_json{{"deleted", deleted}, {"not_found", missing}}.dump()
              << "\n";
  } else if (!quiet) {
    std::printf("deleted %s articles; the index holds %s articles\n",
                cli::group_thousands(deleted).c_str(),
                cli::group_thousands(index.document_count()).c_str());
  }
  return cli::kExitOk;
}

int run(int argc, char** argv) {
  indexer::IndexOptions options;
  indexer::ImportOptions import;
  std::vector<std::string> inputs;
  std::string format = "auto";
  po::options_description visible(kUsage);
  cli::add_db_option(visible, options.db_path);
  // clang-format off
  visible.add_options()
      ("format", po::value(&format)->default_value(format),
       "input format: auto, jsonl, json, csv, tsv, rss, atom, newsml, nitf, html")
      ("map", po::value<std::vector<std::string>>()->composing(),
       "CSV/TSV column for a field, FIELD=COLUMN (e.g. --map title=headline)")
      ("threads,j", po::value(&options.threads)->default_value(0),
       "writer threads for a new index (0: one per core; 1: build it in batches)")
      ("batch-size", po::value(&options.batch_size)->default_value(options.batch_size),
       "articles per commit (each commit is atomic)")
      ("title-weight", po::value(&options.title_weight)->default_value(options.title_weight),
       "weight of a title word relative to a body word")
      ("max-field-bytes", po::value(&import.max_field_bytes)->default_value(import.max_field_bytes),
       "cut longer fields (with a warning)")
      ("max-errors", po::value(&import.max_errors)->default_value(0),
       "stop after this many rejected records, discarding the current batch (0: never)")
      ("strict", "stop at the first rejected record, discarding the current batch")
      ("prune-source", po::value(&import.prune_sources)->composing(),
       "after importing, delete this source's articles the input no longer has (repeatable)")
      ("shards", po::value(&options.shards)->default_value(0),
       "create a sharded index of N shards (0: single database, or DIR's existing layout)")
      ("shard", po::value<unsigned>(),
       "on a sharded index, import only the articles of shard K (numbered from 0)")
      ("aux", "with --shard: also write the auxiliary database (spelling dictionary, synonyms)")
      ("synonyms", po::value<std::string>(),
       "replace the index's synonym groups with FILE's (one comma-separated group a line)")
      ("no-spelling", "do not build the spelling dictionary (faster; no \"did you mean\")")
      ("json", "print the summary as one JSON object")
      ("quiet,q", "print nothing but errors")
      ("help,h", "show this help")
      ("version", "show the version");
  // clang-format on
  const auto parsed =
      cli::parse_command_line(argc, argv, kTool, visible, "input", po::value(&inputs));
  if (!parsed) return cli::kExitOk;
  const po::variables_map& vm = *parsed;
  // Read before the index is opened, so a bad file changes nothing.
  std::optional<std::vector<indexer::SynonymGroup>> synonyms;
  if (vm.count("synonyms")) synonyms = indexer::load_synonyms(vm["synonyms"].as<std::string>());
  if (inputs.empty() && !synonyms) throw cli::UsageError("no input given");
  const bool quiet = vm.count("quiet") > 0;
  const bool as_json = vm.count("json") > 0;
  options.spelling = vm.count("no-spelling") == 0;
  if (vm.count("shard")) options.only_shard = vm["shard"].as<unsigned>();
  if (vm.count("aux")) {
    if (!options.only_shard) throw cli::UsageError("--aux goes with --shard K");
    options.write_aux = true;
  }
  import.strict = vm.count("strict") > 0;
  import.reader.format = indexer::parse_input_format(format);
  if (vm.count("map")) {
    for (const auto& mapping : vm["map"].as<std::vector<std::string>>()) {
      const auto equals = mapping.find('=');
      if (equals == std::string::npos || equals == 0 || equals + 1 == mapping.size()) {
        throw cli::UsageError("--map takes FIELD=COLUMN, got '" + mapping + "'");
      }
      import.reader.column_map.emplace_back(mapping.substr(0, equals), mapping.substr(equals + 1));
    }
  }

  indexer::Indexer index(options);
  if (synonyms) {
    index.set_synonyms(*synonyms);
    if (inputs.empty()) {
      index.commit();
      if (as_json) {
        std::cout << nlohmann::ordered_json{{"synonym_groups", synonyms->size()}}.dump() << "\n";
      } else if (!quiet) {
        std::printf("stored %zu synonym groups\n", synonyms->size());
      }
      return cli::kExitOk;
    }
  }
  if (inputs.front() == "delete") {
    if (inputs.size() == 1) throw cli::UsageError("delete needs at least one id");
    return delete_ids(index, {inputs.begin() + 1, inputs.end()}, as_json, quiet);
  }

  cli::ProgressBar bar(cli::stderr_is_terminal() && !quiet);
  indexer::ImportCallbacks callbacks;
  std::uint64_t errors = 0, warnings = 0;
  callbacks.on_rejected = [&](const InputError& error) {
    if (errors++ >= kMaxMessagesShown) return;
    bar.clear();
    std::cerr << kTool << ": rejected: " << error.what() << "\n";
  };
  callbacks.on_warning = [&](const indexer::InputWarning& warning) {
    if (quiet || warnings++ >= kMaxMessagesShown) return;
    bar.clear();
    std::cerr << kTool << ": warning: " << warning.to_string() << "\n";
  };
  callbacks.on_progress = [&](const indexer::ImportProgress& p) {
    bar.update(p.bytes_done, p.bytes_total, p.articles, p.seconds);
  };
  const indexer::ImportReport report = indexer::import_inputs(index, inputs, callbacks, import);
  bar.clear();
  if (errors > kMaxMessagesShown) {
    std::cerr << kTool << ": ... and " << errors - kMaxMessagesShown << " more rejected records\n";
  }
  if (!quiet && warnings > kMaxMessagesShown) {
    std::cerr << kTool << ": ... and " << warnings - kMaxMessagesShown << " more warnings\n";
  }
  if (!quiet || as_json) print_summary(report, index.document_count(), as_json);
  if (report.stopped) {
    std::cerr << kTool << ": error: stopped after " << report.rejected
              << " rejected record(s); the batch in progress was not committed\n";
    return cli::kExitFailure;
  }
  return report.rejected > 0 ? cli::kExitRejected : cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  return cli::run_tool(kTool, [&] { return run(argc, argv); });
}
