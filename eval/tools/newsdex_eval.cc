// newsdex-eval: ranking quality against TREC relevance judgments, of a
// newsdex index or of any system's run file. A thin shell over newsdex::eval.
#include <cstdio>
#include <iostream>

#include "cli.h"
#include "newsdex/eval/metrics.h"
#include "newsdex/eval/report.h"
#include "newsdex/eval/search_run.h"

namespace po = boost::program_options;
using namespace newsdex;

namespace {

constexpr std::string_view kTool = "newsdex-eval";

constexpr const char* kUsage =
    R"(Usage: newsdex-eval --db DB --queries QUERIES.tsv --qrels QRELS [options]
       newsdex-eval --run RUN --qrels QRELS [options]

Measures ranking quality against TREC relevance judgments. The first form
runs every query of QUERIES.tsv ("qid<TAB>text" lines) through the index as a
natural-language query (any word may match, best BM25 first) and scores the
results; the second scores an existing TREC run file ("qid Q0 docid rank
score tag" lines), no index needed. Prints MAP, nDCG@10, P@10, Recall@100
and Recall@1000 for each query and their means ("all") over every query with
relevant judgments, as trec_eval -c computes them. See docs/eval.md.

Examples:
  newsdex-eval --db cacm.db --queries cacm/queries.tsv --qrels cacm/qrels.txt
  newsdex-eval --db cacm.db --queries cacm/queries.tsv --qrels cacm/qrels.txt \
               --run-out cacm.run --summary
  newsdex-eval --run bm25.run --qrels cacm/qrels.txt --json

Exit codes: 0 ok, 1 failure (no index, unreadable or malformed file),
            2 bad command line.

Options)";

void print_warnings(const eval::SearchRun& searched) {
  for (const auto& [qid, warnings] : searched.warnings) {
    for (const auto& warning : warnings) {
      std::cerr << kTool << ": query " << qid << ": " << warning << "\n";
    }
  }
}

void warn_unqueried(const std::vector<std::string>& missing, const std::string& queries_path) {
  if (missing.empty()) return;
  std::cerr << kTool << ": warning: " << missing.size() << " judged quer"
            << (missing.size() == 1 ? "y is" : "ies are") << " not in " << queries_path
            << " and score 0:";
  for (const auto& qid : missing) std::cerr << " " << qid;
  std::cerr << "\n";
}

// "0.7", not the "0.69999999999999996" Boost prints for a double default.
std::string shortest(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

int run(int argc, char** argv) {
  std::string db_path, queries_path, qrels_path, run_path, run_out, tag = "newsdex";
  eval::SearchRunOptions options;
  searcher::SearcherOptions searcher_options;
  po::options_description visible(kUsage);
  cli::add_db_option(visible, db_path);
  // clang-format off
  visible.add_options()
      ("queries,q", po::value(&queries_path), "queries to run, one \"qid<TAB>text\" per line")
      ("qrels", po::value(&qrels_path), "relevance judgments, TREC qrels (\"qid 0 docid rel\")")
      ("run", po::value(&run_path), "score this TREC run file instead of searching")
      ("run-out", po::value(&run_out), "also write the searched results as a TREC run file")
      ("depth", po::value(&options.depth)->default_value(options.depth), "results per query")
      ("k1", po::value(&searcher_options.bm25_k1)->default_value(searcher_options.bm25_k1, shortest(searcher_options.bm25_k1)), "BM25 k1")
      ("b", po::value(&searcher_options.bm25_b)->default_value(searcher_options.bm25_b, shortest(searcher_options.bm25_b)), "BM25 b")
      ("no-expand", "do not add words from each query's best matches (pseudo-relevance feedback, on by default: docs/news.md)")
      ("expand-docs", po::value(&options.expansion.documents)->default_value(options.expansion.documents), "query expansion: best matches taken as relevant")
      ("expand-terms", po::value(&options.expansion.terms)->default_value(options.expansion.terms), "query expansion: most words added")
      ("expand-weight", po::value(&options.expansion.weight)->default_value(options.expansion.weight, shortest(options.expansion.weight)), "query expansion: weight of an added word relative to a query word")
      ("tag", po::value(&tag)->default_value(tag), "run name written in --run-out's last column")
      ("json", "print the scores as one JSON object")
      ("summary", "print only the means (no per-query scores)")
      ("help,h", "show this help")
      ("version", "show the version");
  // clang-format on
  const auto parsed = cli::parse_command_line(argc, argv, kTool, visible);
  if (!parsed) return cli::kExitOk;
  const po::variables_map& vm = *parsed;

  if (qrels_path.empty()) throw cli::UsageError("--qrels is required");
  const bool score_run = vm.count("run") > 0;
  if (score_run == (vm.count("queries") > 0)) {
    throw cli::UsageError("give either --queries (search the index) or --run (score a run file)");
  }
  for (const char* option : {"expand-docs", "expand-terms", "expand-weight"}) {
    if (!vm[option].defaulted() && vm.count("no-expand")) {
      throw cli::UsageError(std::string("--") + option + " does not go with --no-expand");
    }
  }
  options.expand = vm.count("no-expand") == 0;
  options.expansion.validate();
  if (score_run) {
    for (const char* option : {"db", "run-out", "depth", "tag", "no-expand", "expand-docs",
                               "expand-terms", "expand-weight"}) {
      if (!vm[option].defaulted() && vm.count(option)) {
        throw cli::UsageError(std::string("--") + option + " applies to --queries only");
      }
    }
  }

  const eval::Qrels qrels = eval::read_qrels(qrels_path);
  eval::Run results;
  if (score_run) {
    results = eval::read_run(run_path);
  } else {
    const std::vector<eval::Query> queries = eval::read_queries(queries_path);
    warn_unqueried(eval::judged_but_not_queried(queries, qrels), queries_path);
    searcher::Searcher searcher(db_path, searcher_options);
    eval::SearchRun searched = eval::search_queries(searcher, queries, options);
    print_warnings(searched);
    results = std::move(searched.run);
    if (!run_out.empty()) eval::write_run(run_out, results, tag);
  }

  const eval::Evaluation evaluation = eval::evaluate(results, qrels);
  const bool summary = vm.count("summary") > 0;
  if (vm.count("json")) {
    std::cout << eval::to_json(evaluation, summary) << "\n";
  } else {
    eval::print_table(std::cout, evaluation, summary);
  }
  return cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  return cli::run_tool(kTool, [&] { return run(argc, argv); });
}
