// xapian-baseline: plain Xapian as a competent user would set it up from the
// documentation, the reference newsdex's ranking must beat. TermGenerator and
// QueryParser with the English stemmer (default STEM_SOME), the title counted
// twice, natural-language queries OR-ed, BM25 with Xapian's default parameters;
// nothing tuned.
//
//   xapian-baseline index DB DOCS.jsonl
//   xapian-baseline search DB QUERIES.tsv DEPTH TAG > RUN
#include <xapian.h>

#include <iostream>
#include <string>
#include <vector>

#include "baseline_io.h"

namespace {

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
    doc.set_data(article.id);  // read back as the run's docid
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

void search_queries(const std::string& db_path, const std::vector<baseline::Query>& queries,
                    std::size_t depth, const std::string& tag) {
  Xapian::Database db(db_path);
  Xapian::QueryParser parser;
  parser.set_stemmer(english());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_OR);
  parser.set_database(db);
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
      baseline::print_result(std::cout, query.id, it.get_document().get_data(), ++rank,
                             it.get_weight(), tag);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  // Xapian reports its errors as Xapian::Error, which is not a std::exception.
  try {
    return baseline::run_main(argc, argv, index_articles, search_queries);
  } catch (const Xapian::Error& e) {
    std::cerr << "xapian-baseline: error: " << e.get_description() << '\n';
    return 1;
  }
}
