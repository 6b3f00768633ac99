// newsdex-search: ranked search over a newsdex index from the terminal.
// A thin shell over newsdex::searcher::Searcher.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <vector>

#include "cli.h"
#include "newsdex/common/error.h"
#include "newsdex/searcher/json.h"
#include "newsdex/searcher/searcher.h"
#include "text_report.h"

namespace po = boost::program_options;
using namespace newsdex;

namespace {

constexpr std::string_view kTool = "newsdex-search";

constexpr const char* kUsage = R"(Usage: newsdex-search [options] [QUERY...]

Searches a newsdex index and prints the best matches with highlighted
snippets, and facet counts on request. All words must match (stemmed:
"exports" finds "exported"); "quoted words" must stand together; OR, NOT,
-word, (groups), NEAR and word* work; title: searches titles only;
source:, author:, topic:, place:, lang:, id: and date: filter. An empty query
lists the newest articles. The syntax is in docs/query-syntax.md.

Examples:
  newsdex-search chip export
  newsdex-search '"export controls" OR sanctions' --sort newest
  newsdex-search 'title:election date:2021..2022' --facet source
  newsdex-search chips --source "Global Wire" --since 2023-10 --until 2023-12
  newsdex-search --facet date:month --facet topic --limit 0 semiconductors
  newsdex-search --lang de Exporte
  newsdex-search --rank fresh --half-life 7 election
  newsdex-search --json --facet source 'oil prices'
  newsdex-search --batch queries.txt --stats > results.jsonl
  newsdex-search --no-collapse 'covid vaccine'
  newsdex-search --duplicates-of reuters-0042
  newsdex-search --like reuters-0042 --since 1987-03
  newsdex-search --any 'ocean heat records'      # expanded (--no-expand: not)
  newsdex-search --expand chips export

A sharded index (a folder with a shards.stub, docs/scaling.md) is searched
like any other; its remote shards answer within --timeout or count as down.
  newsdex-search --db /srv/news --allow-partial --timeout 2000 chip export

Copies of one story (reprints with another headline, a credit line, cuts
or edits) are shown once, as the best-ranked copy, with "+N similar".
--like ID lists the articles most like one (its copies left out); query
words given with it only narrow that list down.

Exit codes: 0 ok (also when nothing matched), 1 failure (no index,
            unreadable index, a shard down without --allow-partial),
            2 bad command line, 4 no article has the
            id given to --duplicates-of or --like.

Options)";

void add_filters(const po::variables_map& vm, const char* option, const char* field,
                 searcher::SearchRequest& request) {
  if (!vm.count(option)) return;
  for (const auto& value : vm[option].as<std::vector<std::string>>()) {
    request.filters.push_back({field, value});
  }
}

// One search per input line, each printed as one line of JSON; the request
// options of the command line apply to every query.
int run_batch(searcher::Searcher& searcher, searcher::SearchRequest request,
              const std::string& path, bool stats) {
  std::ifstream file;
  if (path != "-") {
    file.open(path);
    if (!file) throw InputError(path, 0, "", "cannot open for reading");
  }
  std::istream& in = path == "-" ? std::cin : file;
  std::vector<double> micros;
  const auto started = std::chrono::steady_clock::now();
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    request.query = line;
    const auto before = std::chrono::steady_clock::now();
    const searcher::SearchResult result = searcher.search(request);
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - before)
            .count());
    std::cout << searcher::to_json(result) << "\n";
  }
  // The results are all out before the statistics, also where stdout and
  // stderr go to one place.
  std::cout.flush();
  if (stats && !micros.empty()) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::vector<double> sorted = micros;
    std::sort(sorted.begin(), sorted.end());
    const auto at = [&](double q) {
      return sorted[std::min(sorted.size() - 1,
                             static_cast<std::size_t>(q * static_cast<double>(sorted.size())))];
    };
    std::fprintf(stderr,
                 "%zu queries in %.2f s (%.0f QPS); latency p50 %.0f us, p95 %.0f us, "
                 "p99 %.0f us, max %.0f us\n",
                 sorted.size(), seconds, static_cast<double>(sorted.size()) / seconds, at(0.50),
                 at(0.95), at(0.99), sorted.back());
  }
  return cli::kExitOk;
}

int run(int argc, char** argv) {
  std::string db_path, sort = "relevance", rank = "relevance", now, language;
  double half_life = 30;
  std::vector<std::string> words, facets;
  std::uint32_t facet_limit = 10;
  searcher::SearchRequest request;
  po::options_description visible(kUsage);
  cli::add_db_option(visible, db_path);
  using Strings = std::vector<std::string>;
  // clang-format off
  visible.add_options()
      ("limit,n", po::value(&request.limit)->default_value(request.limit), "number of results to show")
      ("offset", po::value(&request.offset)->default_value(request.offset), "results to skip (for paging)")
      ("sort", po::value(&sort)->default_value(sort), "relevance, newest or oldest")
      ("rank", po::value(&rank)->default_value(rank), "relevance, or fresh: relevance blended with recency (with --sort relevance)")
      ("half-life", po::value(&half_life)->default_value(half_life), "with --rank fresh: days after which the recency boost halves")
      ("now", po::value(&now), "with --rank fresh: the date ages count from (default today)")
      ("since", po::value(&request.since), "only articles published on or after this date (2024, 2024-03, 2024-03-01)")
      ("until", po::value(&request.until), "only articles published up to this date")
      ("source", po::value<Strings>()->composing(), "only this source (repeat for any of several)")
      ("author", po::value<Strings>()->composing(), "only this author")
      ("topic", po::value<Strings>()->composing(), "only this topic")
      ("place", po::value<Strings>()->composing(), "only this place")
      ("lang", po::value(&language), "only articles in this language (ISO 639-1), query stemmed in it")
      ("facet,f", po::value(&facets)->composing(), "count by: source, topic, place, lang, date:year, date:month, date:day")
      ("facet-limit", po::value(&facet_limit), "values per facet (default 10; date facets: all buckets)")
      ("no-facet-cache", "count facets by reading each match's fields, never from a facet cache")
      ("snippet-chars", po::value(&request.snippet_bytes)->default_value(request.snippet_bytes), "snippet length in bytes (0 for none)")
      ("any", "match articles with any of the words (default: all words)")
      ("no-suggest", "no \"did you mean\" suggestion")
      ("no-synonyms", "do not expand words into the synonyms stored in the index")
      ("no-collapse", "show every copy of a story (default: one per duplicate cluster)")
      ("duplicates-of", po::value<std::string>(), "list the near-duplicates of the article with this id")
      ("timeout", po::value<std::uint32_t>()->default_value(5000),
       "sharded index: milliseconds a remote shard may take to answer before it counts as down")
      ("allow-partial", "sharded index: when shards are down, show results from the others (with a warning)")
      ("like", po::value<std::string>(), "list the articles most like the one with this id (query words narrow them)")
      ("expand", "add words from the best matches to the query (pseudo-relevance feedback; default with --any)")
      ("no-expand", "never add words from the best matches, even with --any")
      ("json", "print results as JSON (see docs/json.md)")
      ("batch", po::value<std::string>(), "run one query per line of FILE (- for stdin), print JSON Lines")
      ("stats", "with --batch: print latency percentiles and queries/s to stderr")
      ("help,h", "show this help")
      ("version", "show the version");
  // clang-format on
  const auto parsed =
      cli::parse_command_line(argc, argv, kTool, visible, "query", po::value(&words));
  if (!parsed) return cli::kExitOk;
  const po::variables_map& vm = *parsed;

  for (const auto& word : words) request.query += (request.query.empty() ? "" : " ") + word;
  request.sort = searcher::parse_sort_order(sort);
  if (rank == "fresh") {
    request.freshness = searcher::Freshness{half_life, now};
    request.freshness->validate();
  } else if (rank != "relevance") {
    throw cli::UsageError("unknown ranking '" + rank + "' (use relevance or fresh)");
  } else if (vm.count("half-life") && !vm["half-life"].defaulted()) {
    throw cli::UsageError("--half-life needs --rank fresh");
  } else if (vm.count("now")) {
    throw cli::UsageError("--now needs --rank fresh");
  }
  add_filters(vm, "source", "source", request);
  add_filters(vm, "author", "author", request);
  add_filters(vm, "topic", "topic", request);
  add_filters(vm, "place", "place", request);
  if (!language.empty()) {
    request.filters.push_back({"lang", language});
    request.language = language;
  }
  const bool explicit_facet_limit = vm.count("facet-limit") > 0;
  for (const auto& spec : facets) {
    auto facet = searcher::FacetRequest::parse(spec, facet_limit);
    if (facet.field == Field::kDate && !explicit_facet_limit) facet.limit = 0;
    request.facets.push_back(facet);
  }
  request.suggest = vm.count("no-suggest") == 0;
  request.synonyms = vm.count("no-synonyms") == 0;
  request.collapse = vm.count("no-collapse") == 0;
  const bool json = vm.count("json") > 0;
  // Naming the folded copies' sources costs a query per hit: for people only.
  if (!json && !vm.count("batch")) request.similar_sources = 5;
  if (vm.count("any")) request.default_operator = searcher::DefaultOperator::kOr;
  if (vm.count("expand") && vm.count("no-expand")) {
    throw cli::UsageError("give --expand or --no-expand, not both");
  }
  if (vm.count("expand")) request.expand = searcher::ExpandMode::kOn;
  if (vm.count("no-expand")) request.expand = searcher::ExpandMode::kOff;

  searcher::SearcherOptions options;
  options.facet_cache = vm.count("no-facet-cache") == 0;
  options.shard_timeout_ms = vm["timeout"].as<std::uint32_t>();
  if (options.shard_timeout_ms == 0) throw cli::UsageError("--timeout must be at least 1 ms");
  options.allow_partial = vm.count("allow-partial") > 0;
  // Every query of a batch asks for the same facets: build their caches at
  // once, when the index opens, rather than after several have paid for them.
  if (vm.count("batch")) options.preload_facets = request.facets;
  searcher::Searcher searcher(db_path, options);
  if (vm.count("like")) {
    if (vm.count("duplicates-of"))
      throw cli::UsageError("give --like or --duplicates-of, not both");
    if (vm.count("batch")) throw cli::UsageError("--like takes no --batch");
    if (vm.count("expand")) throw cli::UsageError("--expand does not apply to --like");
  }
  if (vm.count("batch")) {
    if (!words.empty())
      throw cli::UsageError("--batch takes its queries from the file, not the command line");
    return run_batch(searcher, request, vm["batch"].as<std::string>(), vm.count("stats") > 0);
  }
  if (vm.count("duplicates-of") && !words.empty()) {
    throw cli::UsageError("--duplicates-of lists an article's copies and takes no query");
  }
  const searcher::SearchResult result =
      vm.count("duplicates-of")
          ? searcher.duplicates_of(vm["duplicates-of"].as<std::string>(), request)
      : vm.count("like") ? searcher.related(vm["like"].as<std::string>(), request)
                         : searcher.search(request);
  if (result.partial) {
    std::string missing;
    for (const auto& shard : result.missing_shards)
      missing += (missing.empty() ? "" : ", ") + shard;
    std::cerr << kTool << ": warning: partial results: shards did not answer: " << missing << "\n";
  }
  if (json) {
    std::cout << searcher::to_json(result) << "\n";
  } else {
    cli::print_text_report(std::cout, result, {cli::stdout_is_terminal()});
  }
  return cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  return cli::run_tool(kTool, [&] { return run(argc, argv); });
}
