// lucene-baseline: Lucene++ 3.0.8 (Debian's liblucene++-dev) as its
// documentation suggests using it, a system of bench/run. English Snowball
// analysis (contrib's SnowballAnalyzer), the title boosted 2 at index time,
// the body stored for the highlighter, source, day and month as untokenised
// fields; queries through MultiFieldQueryParser over title and body, words
// AND-ed, the date class under a TermRangeFilter; full mode adds contrib's
// Highlighter (QueryScorer, 200-character fragment) and exact counts of all
// matches by source and month from FieldCache.
//
//   lucene-baseline index DIR DOCS.jsonl
//   lucene-baseline search DIR QUERIES.tsv DEPTH TAG > RUN
//   lucene-baseline bench DIR WORKLOAD plain|full
//   lucene-baseline compact DIR      (optimize: merge to one segment)
// clang-format off
// LuceneHeaders.h first: the others need what it declares.
#include <LuceneHeaders.h>
#include <FieldCache.h>
#include <Highlighter.h>
#include <QueryScorer.h>
#include <SimpleFragmenter.h>
#include <SimpleHTMLFormatter.h>
#include <SnowballAnalyzer.h>
// clang-format on

#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "baseline_io.h"
#include "workload.h"

namespace {

using namespace Lucene;

String wide(const std::string& text) { return StringUtils::toUnicode(text); }
std::string narrow(const String& text) { return StringUtils::toUTF8(text); }

AnalyzerPtr english() {
  return newLucene<SnowballAnalyzer>(LuceneVersion::LUCENE_CURRENT, L"english");
}

void index_articles(const std::string& dir, const std::string& docs_path) {
  const IndexWriterPtr writer = newLucene<IndexWriter>(FSDirectory::open(wide(dir)), english(),
                                                       true, IndexWriter::MaxFieldLengthUNLIMITED);
  baseline::for_each_article(docs_path, [&](const baseline::Article& article) {
    const DocumentPtr doc = newLucene<Document>();
    doc->add(newLucene<Field>(L"id", wide(article.id), Field::STORE_YES,
                              Field::INDEX_NOT_ANALYZED_NO_NORMS));
    const FieldPtr title =
        newLucene<Field>(L"title", wide(article.title), Field::STORE_NO, Field::INDEX_ANALYZED);
    title->setBoost(2.0);
    doc->add(title);
    doc->add(
        newLucene<Field>(L"body", wide(article.body), Field::STORE_YES, Field::INDEX_ANALYZED));
    if (!article.source.empty()) {
      doc->add(newLucene<Field>(L"source", wide(article.source), Field::STORE_NO,
                                Field::INDEX_NOT_ANALYZED_NO_NORMS));
    }
    if (const std::string day = baseline::day_of(article.published); !day.empty()) {
      doc->add(
          newLucene<Field>(L"day", wide(day), Field::STORE_NO, Field::INDEX_NOT_ANALYZED_NO_NORMS));
      doc->add(newLucene<Field>(L"month", wide(day.substr(0, 6)), Field::STORE_NO,
                                Field::INDEX_NOT_ANALYZED_NO_NORMS));
    }
    writer->addDocument(doc);
  });
  writer->commit();
  writer->close();
}

void compact(const std::string& dir) {
  const IndexWriterPtr writer = newLucene<IndexWriter>(FSDirectory::open(wide(dir)), english(),
                                                       false, IndexWriter::MaxFieldLengthUNLIMITED);
  writer->optimize();
  writer->close();
}

QueryParserPtr parser_over_title_and_body(QueryParser::Operator op) {
  Collection<String> fields = Collection<String>::newInstance();
  fields.add(L"title");
  fields.add(L"body");
  const QueryParserPtr parser =
      newLucene<MultiFieldQueryParser>(LuceneVersion::LUCENE_CURRENT, fields, english());
  parser->setDefaultOperator(op);
  return parser;
}

// Natural language is not query syntax: keep letters and digits only.
String words_only(const std::string& text) {
  std::string words;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    words += (std::isalnum(byte) || byte >= 0x80) ? c : ' ';
  }
  return wide(words);
}

void search_queries(const std::string& dir, const std::vector<baseline::Query>& queries,
                    std::size_t depth, const std::string& tag) {
  const IndexSearcherPtr searcher = newLucene<IndexSearcher>(FSDirectory::open(wide(dir)), true);
  const QueryParserPtr parser = parser_over_title_and_body(QueryParser::OR_OPERATOR);
  baseline::prepare_run_output(std::cout);
  for (const baseline::Query& query : queries) {
    const TopDocsPtr top =
        searcher->search(parser->parse(words_only(query.text)), static_cast<int32_t>(depth));
    std::size_t rank = 0;
    for (const ScoreDocPtr& hit : top->scoreDocs) {
      baseline::print_result(std::cout, query.id, narrow(searcher->doc(hit->doc)->get(L"id")),
                             ++rank, hit->score, tag);
    }
  }
}

// Counts the matches by source and by month (exact: every match is
// collected), and passes each on to the top-10 collector.
class FacetingCollector : public Collector {
 public:
  explicit FacetingCollector(const CollectorPtr& top) : top_(top) {}

  void setScorer(const ScorerPtr& scorer) override { top_->setScorer(scorer); }

  void collect(int32_t doc) override {
    ++matches_;
    ++source_counts_[static_cast<std::size_t>(sources_->order[doc])];
    ++month_counts_[static_cast<std::size_t>(months_->order[doc])];
    top_->collect(doc);
  }

  void setNextReader(const IndexReaderPtr& reader, int32_t doc_base) override {
    flush_segment();
    sources_ = FieldCache::DEFAULT()->getStringIndex(reader, L"source");
    months_ = FieldCache::DEFAULT()->getStringIndex(reader, L"month");
    source_counts_.assign(static_cast<std::size_t>(sources_->lookup.size()), 0);
    month_counts_.assign(static_cast<std::size_t>(months_->lookup.size()), 0);
    top_->setNextReader(reader, doc_base);
  }

  bool acceptsDocsOutOfOrder() override { return top_->acceptsDocsOutOfOrder(); }

  // The counts by value, after the search.
  void finish() { flush_segment(); }
  const std::map<String, int>& by_source() const { return by_source_; }
  const std::map<String, int>& by_month() const { return by_month_; }
  std::size_t matches() const { return matches_; }

 private:
  void flush_segment() {
    if (!sources_) return;
    for (std::size_t i = 0; i < source_counts_.size(); ++i) {
      if (source_counts_[i] > 0)
        by_source_[sources_->lookup[static_cast<int32_t>(i)]] += source_counts_[i];
    }
    for (std::size_t i = 0; i < month_counts_.size(); ++i) {
      if (month_counts_[i] > 0)
        by_month_[months_->lookup[static_cast<int32_t>(i)]] += month_counts_[i];
    }
    sources_.reset();
    months_.reset();
  }

  CollectorPtr top_;
  StringIndexPtr sources_;
  StringIndexPtr months_;
  std::vector<int> source_counts_;
  std::vector<int> month_counts_;
  std::map<String, int> by_source_;
  std::map<String, int> by_month_;
  std::size_t matches_ = 0;
};

void bench_workload(const std::string& dir, const std::string& workload_path,
                    const std::string& mode_name) {
  const workload::Mode mode = workload::parse_mode(mode_name);
  const auto by_class = workload::read_workload(workload_path);
  const IndexSearcherPtr searcher = newLucene<IndexSearcher>(FSDirectory::open(wide(dir)), true);
  const QueryParserPtr parser = parser_over_title_and_body(QueryParser::AND_OPERATOR);
  const AnalyzerPtr analyzer = english();
  if (mode == workload::Mode::kFull) {
    // Load the field caches first, as a server does when it opens a
    // searcher; otherwise the first timed query would pay for it.
    const auto warm = newLucene<FacetingCollector>(TopScoreDocCollector::create(1, true));
    searcher->search(newLucene<MatchAllDocsQuery>(), FilterPtr(), warm);
  }
  std::size_t sink = 0;  // keeps the ids, snippets and counts from being optimised away
  workload::time_classes(by_class, [&](const workload::Query& query) -> std::size_t {
    std::string text;
    for (const std::string& word : query.words) text += (text.empty() ? "" : " ") + word;
    if (query.query_class == "phrase") text = '"' + text + '"';
    const QueryPtr parsed = parser->parse(wide(text));
    FilterPtr filter;
    if (query.query_class == "date") {
      filter = newLucene<TermRangeFilter>(L"day", wide(workload::compact_date(query.since)),
                                          wide(workload::compact_date(query.until)), true, true);
    }
    const TopScoreDocCollectorPtr top = TopScoreDocCollector::create(10, true);
    if (mode == workload::Mode::kPlain) {
      searcher->search(parsed, filter, top);
      const TopDocsPtr found = top->topDocs();  // held: the loop reads its member
      for (const ScoreDocPtr& hit : found->scoreDocs) {
        sink += static_cast<std::size_t>(searcher->doc(hit->doc)->get(L"id").size());
      }
      return static_cast<std::size_t>(top->getTotalHits());
    }
    const auto faceting = newLucene<FacetingCollector>(top);
    searcher->search(parsed, filter, faceting);
    faceting->finish();
    const HighlighterPtr highlighter = newLucene<Highlighter>(
        newLucene<SimpleHTMLFormatter>(L"<b>", L"</b>"), newLucene<QueryScorer>(parsed, L"body"));
    highlighter->setTextFragmenter(newLucene<SimpleFragmenter>(200));
    const TopDocsPtr found = top->topDocs();  // held: the loop reads its member
    for (const ScoreDocPtr& hit : found->scoreDocs) {
      const DocumentPtr doc = searcher->doc(hit->doc);
      sink += static_cast<std::size_t>(doc->get(L"id").size());
      const String body = doc->get(L"body");
      String snippet = highlighter->getBestFragment(analyzer, L"body", body);
      // A hit matched in its title only has no fragment: show the body's start.
      if (snippet.empty()) snippet = body.substr(0, 200);
      sink += static_cast<std::size_t>(snippet.size());
    }
    for (const auto& [value, count] : faceting->by_source())
      sink += static_cast<std::size_t>(count);
    for (const auto& [value, count] : faceting->by_month()) sink += static_cast<std::size_t>(count);
    return faceting->matches();
  });
  if (sink == 0) std::cerr << "lucene-baseline: no query matched anything\n";
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 3 && std::string(argv[1]) == "compact") {
      compact(argv[2]);
      return 0;
    }
    return baseline::run_main(argc, argv, index_articles, search_queries, bench_workload);
  } catch (const LuceneException& e) {
    std::cerr << "lucene-baseline: error: " << narrow(e.getError()) << '\n';
    return 1;
  }
}
