// xapian-baseline: plain Xapian as a competent user would set it up from the
// documentation, the reference newsdex's ranking must beat. TermGenerator and
// QueryParser with the English stemmer (default STEM_SOME), the title counted
// twice, natural-language queries OR-ed, BM25 with Xapian's default parameters;
// nothing tuned. Also the "plain Xapian" system of bench/run: the source is
// a boolean term and a value, the day and month are values, the body is the
// document data (for MSet::snippet), and its harness searches with
// QueryParser, BM25, MSet::snippet and ValueCountMatchSpy.
//
//   xapian-baseline index DB DOCS.jsonl
//   xapian-baseline search DB QUERIES.tsv DEPTH TAG > RUN
//   xapian-baseline bench DB WORKLOAD plain|full
#include <xapian.h>

#include <iostream>
#include <string>
#include <vector>

#include "baseline_io.h"
#include "workload.h"

namespace {

// Value slots.
constexpr Xapian::valueno kSlotId = 0;
constexpr Xapian::valueno kSlotDay = 1;     // YYYYMMDD
constexpr Xapian::valueno kSlotSource = 2;  // source name
constexpr Xapian::valueno kSlotMonth = 3;   // YYYYMM

const Xapian::Stem& english() {
  static const Xapian::Stem stemmer("english");
  return stemmer;
}

void index_articles(const std::string& db_path, const std::string& docs_path) {
  Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OPEN);
  Xapian::TermGenerator generator;
  generator.set_stemmer(english());
  baseline::for_each_article(docs_path, [&](const baseline::Article& article) {
    Xapian::Document doc;
    doc.add_value(kSlotId, article.id);  // read back as the run's docid
    doc.set_data(article.body);          // the text MSet::snippet is given
    if (!article.source.empty()) {
      doc.add_boolean_term("XS" + article.source.substr(0, 200));
      doc.add_value(kSlotSource, article.source);
    }
    if (const std::string day = baseline::day_of(article.published); !day.empty()) {
      doc.add_value(kSlotDay, day);
      doc.add_value(kSlotMonth, day.substr(0, 6));
    }
    generator.set_document(doc);
    generator.index_text(article.title, 2);  // title weighted x2
    generator.increase_termpos();            // no phrase across title and body
    generator.index_text(article.body);
    // replace_document does not add its unique term itself.
    const std::string id_term = "Q" + article.id;
    doc.add_boolean_term(id_term);
    db.replace_document(id_term, doc);
  });
  db.commit();
}

// QueryParser as the documentation sets it up: English stemming, STEM_SOME.
Xapian::QueryParser english_parser(const Xapian::Database& db, Xapian::Query::op default_op) {
  Xapian::QueryParser parser;
  parser.set_stemmer(english());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(default_op);
  parser.set_database(db);
  return parser;
}

void search_queries(const std::string& db_path, const std::vector<baseline::Query>& queries,
                    std::size_t depth, const std::string& tag) {
  Xapian::Database db(db_path);
  Xapian::QueryParser parser = english_parser(db, Xapian::Query::OP_OR);
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BM25Weight());

  baseline::prepare_run_output(std::cout);
  for (const baseline::Query& query : queries) {
    // STEM_SOME leaves a query word that starts with a capital unstemmed (taking it for a proper
    // noun) while TermGenerator stems every indexed word, so all-capitals queries (LISA, NPL)
    // would match only exact word forms; lowercase first. Flags 0: natural language is not query
    // syntax, and FLAG_BOOLEAN would read those queries' AND / NOT as operators.
    enquire.set_query(parser.parse_query(Xapian::Unicode::tolower(query.text), 0));
    const Xapian::MSet matches = enquire.get_mset(0, static_cast<Xapian::doccount>(depth));
    if (matches.empty()) std::cerr << "xapian-baseline: query " << query.id << ": no results\n";
    std::size_t rank = 0;
    for (auto it = matches.begin(); it != matches.end(); ++it) {
      baseline::print_result(std::cout, query.id, it.get_document().get_value(kSlotId), ++rank,
                             it.get_weight(), tag);
    }
  }
}

// The query string QueryParser is given for one workload query: words AND-ed
// (the default operator set below), a phrase quoted.
std::string query_text(const workload::Query& query) {
  std::string text;
  for (const std::string& word : query.words) text += (text.empty() ? "" : " ") + word;
  return query.query_class == "phrase" ? '"' + text + '"' : text;
}

void bench_workload(const std::string& db_path, const std::string& workload_path,
                    const std::string& mode_name) {
  const workload::Mode mode = workload::parse_mode(mode_name);
  const auto by_class = workload::read_workload(workload_path);
  Xapian::Database db(db_path);
  Xapian::QueryParser parser = english_parser(db, Xapian::Query::OP_AND);
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  const Xapian::doccount everything = db.get_doccount();
  std::size_t sink = 0;  // keeps the snippets and facet counts from being optimised away
  workload::time_classes(by_class, [&](const workload::Query& query) {
    Xapian::Query parsed = parser.parse_query(query_text(query), Xapian::QueryParser::FLAG_PHRASE);
    if (query.query_class == "date") {
      parsed = Xapian::Query(
          Xapian::Query::OP_FILTER, parsed,
          Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotDay,
                        workload::compact_date(query.since), workload::compact_date(query.until)));
    }
    enquire.set_query(parsed);
    if (mode == workload::Mode::kPlain) {
      const Xapian::MSet matches = enquire.get_mset(0, 10);
      for (auto it = matches.begin(); it != matches.end(); ++it) sink += *it;
      return matches.get_matches_estimated();
    }
    // Spies count across get_mset calls: fresh ones per query.
    Xapian::ValueCountMatchSpy by_source(kSlotSource);
    Xapian::ValueCountMatchSpy by_month(kSlotMonth);
    enquire.clear_matchspies();
    enquire.add_matchspy(&by_source);
    enquire.add_matchspy(&by_month);
    // Facet counts are exact only when every match is looked at.
    const Xapian::MSet matches = enquire.get_mset(0, 10, everything);
    for (auto it = matches.begin(); it != matches.end(); ++it) {
      sink += matches.snippet(it.get_document().get_data(), 200, english()).size();
    }
    for (auto it = by_source.top_values_begin(10); it != by_source.top_values_end(10); ++it) {
      sink += it.get_termfreq();
    }
    for (auto it = by_month.values_begin(); it != by_month.values_end(); ++it) {
      sink += it.get_termfreq();
    }
    enquire.clear_matchspies();
    return matches.get_matches_estimated();
  });
  if (sink == 0) std::cerr << "xapian-baseline: no query matched anything\n";
}

}  // namespace

int main(int argc, char** argv) {
  // Xapian reports its errors as Xapian::Error, which is not a std::exception.
  try {
    return baseline::run_main(argc, argv, index_articles, search_queries, bench_workload);
  } catch (const Xapian::Error& e) {
    std::cerr << "xapian-baseline: error: " << e.get_description() << '\n';
    return 1;
  }
}
