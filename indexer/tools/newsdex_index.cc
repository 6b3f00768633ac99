// newsdex-index: imports articles into a newsdex index. A thin shell over
// newsdex::indexer::import_inputs().
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "newsdex/indexer/import.h"
#include "progress_bar.h"

namespace po = boost::program_options;
using namespace newsdex;

namespace {

constexpr std::string_view kTool = "newsdex-index";
constexpr std::uint64_t kMaxErrorsShown = 50;

constexpr const char* kUsage = R"(Usage: newsdex-index [options] INPUT...

Imports news articles into a newsdex index (created if missing). INPUT is a
JSON Lines file (one article per line), a directory (searched recursively for
*.jsonl and *.ndjson) or - for standard input. An article whose id is already
indexed is replaced. Invalid records are reported as file:line: field: reason
and skipped; the rest is still indexed.

Examples:
  newsdex-index corpus/sample
  newsdex-index --db /srv/news.db archive-2024.jsonl archive-2025.jsonl
  zcat feed.jsonl.gz | newsdex-index -

Exit codes: 0 ok, 1 failure (index locked or unwritable, unreadable input),
            2 bad command line, 3 done but some records were rejected.

Options)";

void print_summary(const indexer::ImportReport& report, std::uint64_t total_docs, bool as_json) {
  const double docs_per_second =
      report.seconds > 0 ? static_cast<double>(report.indexed()) / report.seconds : 0;
  const double mb_per_second =
      report.seconds > 0 ? static_cast<double>(report.bytes) / 1e6 / report.seconds : 0;
  if (as_json) {
    nlohmann::ordered_json summary = {
        {"files", report.files},           {"indexed", report.indexed()},
        {"added", report.added},           {"updated", report.replaced},
        {"rejected", report.rejected},     {"bytes", report.bytes},
        {"seconds", report.seconds},       {"docs_per_second", docs_per_second},
        {"documents_in_index", total_docs}};
    std::cout << summary.dump() << "\n";
    return;
  }
  std::printf(
      "indexed %s articles (%s new, %s updated), %s rejected, in %.2f s "
      "(%s docs/s, %.1f MB/s); the index now holds %s articles\n",
      cli::group_thousands(report.indexed()).c_str(), cli::group_thousands(report.added).c_str(),
      cli::group_thousands(report.replaced).c_str(), cli::group_thousands(report.rejected).c_str(),
      report.seconds, cli::group_thousands(static_cast<std::uint64_t>(docs_per_second)).c_str(),
      mb_per_second, cli::group_thousands(total_docs).c_str());
}

int run(int argc, char** argv) {
  indexer::IndexOptions options;
  std::vector<std::string> inputs;
  po::options_description visible(kUsage);
  cli::add_db_option(visible, options.db_path);
  // clang-format off
  visible.add_options()
      ("batch-size", po::value<std::size_t>(&options.batch_size)->default_value(options.batch_size),
       "articles per commit")
      ("title-weight", po::value<unsigned>(&options.title_weight)->default_value(options.title_weight),
       "weight of a title word relative to a body word")
      ("no-spelling", "do not build the spelling dictionary (faster; no \"did you mean\")")
      ("json", "print the summary as one JSON object")
      ("quiet,q", "print nothing but errors")
      ("help,h", "show this help")
      ("version", "show the version");
  // clang-format on
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(&inputs));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
  if (vm.count("help")) {
    std::cout << visible << "\n";
    return cli::kExitOk;
  }
  if (vm.count("version")) {
    cli::print_version(kTool);
    return cli::kExitOk;
  }
  po::notify(vm);
  if (inputs.empty()) throw cli::UsageError("no input given");
  const bool quiet = vm.count("quiet") > 0;
  options.spelling = vm.count("no-spelling") == 0;

  indexer::Indexer index(options);
  cli::ProgressBar bar(cli::stderr_is_terminal() && !quiet);
  indexer::ImportCallbacks callbacks;
  std::uint64_t errors_shown = 0;
  callbacks.on_rejected = [&](const InputError& error) {
    if (errors_shown++ >= kMaxErrorsShown) return;
    bar.clear();
    std::cerr << kTool << ": rejected: " << error.what() << "\n";
  };
  callbacks.on_progress = [&](const indexer::ImportProgress& p) {
    bar.update(p.bytes_done, p.bytes_total, p.articles, p.seconds);
  };
  const indexer::ImportReport report = indexer::import_inputs(index, inputs, callbacks);
  bar.clear();
  if (errors_shown > kMaxErrorsShown) {
    std::cerr << kTool << ": ... and " << errors_shown - kMaxErrorsShown
              << " more rejected records\n";
  }
  if (!quiet || vm.count("json"))
    print_summary(report, index.document_count(), vm.count("json") > 0);
  return report.rejected > 0 ? cli::kExitRejected : cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  return cli::run_tool(kTool, [&] { return run(argc, argv); });
}
