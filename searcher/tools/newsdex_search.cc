// newsdex-search: ranked search over a newsdex index from the terminal.
// A thin shell over newsdex::searcher::Searcher.
#include <iostream>

#include "cli.h"
#include "newsdex/searcher/json.h"
#include "newsdex/searcher/searcher.h"
#include "text_report.h"

namespace po = boost::program_options;
using namespace newsdex;

namespace {

constexpr std::string_view kTool = "newsdex-search";

constexpr const char* kUsage = R"(Usage: newsdex-search [options] [QUERY...]

Searches a newsdex index and prints the best matches with highlighted
snippets. All words must match (stemmed: "exports" finds "exported");
"quoted words" must stand together; OR, NOT, -word and (groups) work;
title:word and body:word search one field; source:, author:, topic:,
place:, lang: and id: filter. An empty query lists the newest articles.

Examples:
  newsdex-search chip export
  newsdex-search '"interest rates" OR inflation' --limit 5
  newsdex-search 'title:election source:"Global Wire"'
  newsdex-search --db /srv/news.db --json semiconductors

Exit codes: 0 ok (also when nothing matched), 1 failure (no index,
            unreadable index), 2 bad command line.

Options)";

int run(int argc, char** argv) {
  std::string db_path;
  std::vector<std::string> words;
  searcher::SearchRequest request;
  po::options_description visible(kUsage);
  cli::add_db_option(visible, db_path);
  visible.add_options()("limit,n",
                        po::value<std::uint32_t>(&request.limit)->default_value(request.limit),
                        "number of results to show")(
      "offset", po::value<std::uint32_t>(&request.offset)->default_value(request.offset),
      "results to skip (for paging)")("lang", po::value<std::string>(&request.language),
                                      "language of the query words, for stemming (default: en)")(
      "snippet-chars",
      po::value<std::uint32_t>(&request.snippet_bytes)->default_value(request.snippet_bytes),
      "snippet length in bytes (0 for none)")("json", "print results as JSON (see docs/json.md)")(
      "help,h", "show this help")("version", "show the version");
  po::options_description hidden;
  hidden.add_options()("query", po::value<std::vector<std::string>>(&words));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);
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
  for (const auto& word : words) request.query += (request.query.empty() ? "" : " ") + word;

  searcher::Searcher searcher(db_path);
  const searcher::SearchResult result = searcher.search(request);
  if (vm.count("json")) {
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
