// Property test of the query path: whatever a user types, search() returns a
// result (possibly with warnings) and never throws or crashes.
#include <gtest/gtest.h>

#include <random>

#include "newsdex/common/date.h"
#include "newsdex/indexer/indexer.h"
#include "newsdex/searcher/searcher.h"
#include "temp_dir.h"

namespace newsdex::searcher {
namespace {

// Pieces a query is made of, weighted towards the syntax that breaks parsers.
const char* const kPieces[] = {
    "chip",   "export", "Exports", "U.S.", "芯片",  "Müller",   "\"",    "\"",      "(",
    ")",      " ",      " ",       " ",    "AND",   "OR",       "NOT",   "XOR",     "NEAR",
    "NEAR/2", "ADJ/1",  "+",       "-",    "*",     "title:",   "body:", "source:", "author:",
    "topic:", "place:", "lang:",   "id:",  "date:", "unknown:", "..",    ":",       "'",
    "\\",     "&",      "|",       "!",    "~",     "^",        "\t",    "\n",      "\xff",
    "\xc3",   "\x01",   "\x02",    "0",    "1987",
};

std::string random_query(std::mt19937& random) {
  std::uniform_int_distribution<std::size_t> length(0, 12);
  std::uniform_int_distribution<std::size_t> piece(0, std::size(kPieces) - 1);
  std::string query;
  for (std::size_t n = length(random); n > 0; --n) query += kPieces[piece(random)];
  return query;
}

TEST(QueryPropertyTest, AnyQueryGivesAResultNeverAnException) {
  testing::TempDir dir;
  {
    indexer::IndexOptions options;
    options.db_path = dir / "db";
    indexer::Indexer index(options);
    Article article;
    article.id = "a";
    article.title = "U.S. chip export rules";
    article.body = "Müller said chips & exports (芯片出口管制) were \"hit\".";
    article.source = "Global Wire";
    article.published = parse_iso8601("2023-10-17");
    index.add(article);
    index.commit();
  }
  Searcher searcher(dir / "db");
  std::mt19937 random(20261128);  // fixed seed: a failure reproduces
  for (int i = 0; i < 3000; ++i) {
    SearchRequest request;
    request.query = random_query(random);
    SearchResult result;
    ASSERT_NO_THROW(result = searcher.search(request)) << "query: " << request.query;
    for (const Hit& hit : result.hits) {
      for (const Span& span : hit.snippet.highlights) {
        ASSERT_LE(span.start, span.end);
        ASSERT_LE(span.end, hit.snippet.text.size()) << "query: " << request.query;
      }
      for (const Span& span : hit.title.highlights) {
        ASSERT_LE(span.end, hit.title.text.size()) << "query: " << request.query;
      }
    }
  }
}

}  // namespace
}  // namespace newsdex::searcher
