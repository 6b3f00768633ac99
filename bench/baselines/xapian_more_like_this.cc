// xapian-more-like-this: plain Xapian's "more like this", the reference
// newsdex's related articles (Searcher::related, `newsdex-search --like`)
// must beat in bench/related. For every article of DOCS.jsonl, in an index
// built by `xapian-baseline index`: an RSet of the article alone, the top 20
// terms of Enquire::get_eset (TradEWeight, Xapian's default) OR-ed, BM25 with
// Xapian's default parameters, the article itself left out. Nothing tuned:
// what a competent user writes from Xapian's documentation. The only filter
// on the ESet keeps out boolean terms (id, source), which say nothing about
// the text.
//
//   xapian-more-like-this DB DOCS.jsonl DEPTH TAG > RUN   (TREC run, qid = article id)
#include <xapian.h>

#include <iostream>
#include <string>
#include <vector>

#include "baseline_io.h"

namespace {

constexpr Xapian::termcount kTerms = 20;
constexpr Xapian::valueno kSlotId = 0;  // as xapian_baseline.cc writes it

// TermGenerator's words ("chip") and stems ("Zchip"); not the boolean
// terms, which carry an upper-case prefix ("Q" id, "XS" source).
class WordsOnly : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    if (term.empty()) return false;
    const char first = term[0];
    return first == 'Z' || first < 'A' || first > 'Z';
  }
};

void more_like_this(const std::string& db_path, const std::string& docs_path, std::size_t depth,
                    const std::string& tag) {
  Xapian::Database db(db_path);
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  const WordsOnly words_only;
  baseline::prepare_run_output(std::cout);
  baseline::for_each_article(docs_path, [&](const baseline::Article& article) {
    const std::string id_term = "Q" + article.id;
    auto posting = db.postlist_begin(id_term);
    if (posting == db.postlist_end(id_term)) {
      std::cerr << "xapian-more-like-this: " << article.id << ": not in the index\n";
      return;
    }
    Xapian::RSet rset;
    rset.add_document(*posting);
    enquire.set_query(Xapian::Query(id_term));
    const Xapian::ESet eset = enquire.get_eset(kTerms, rset, &words_only);
    const std::vector<Xapian::Query> terms(eset.begin(), eset.end());
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT,
                                    Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                                    Xapian::Query(id_term)));
    const Xapian::MSet matches = enquire.get_mset(0, static_cast<Xapian::doccount>(depth));
    std::size_t rank = 0;
    for (auto it = matches.begin(); it != matches.end(); ++it) {
      baseline::print_result(std::cout, article.id, it.get_document().get_value(kSlotId), ++rank,
                             it.get_weight(), tag);
    }
  });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5 || baseline::parse_depth(argv[3]) == 0) {
    std::cerr << "usage: xapian-more-like-this DB DOCS.jsonl DEPTH TAG  (TREC run on stdout)\n";
    return 2;
  }
  try {
    more_like_this(argv[1], argv[2], baseline::parse_depth(argv[3]), argv[4]);
    std::cout.flush();
    return std::cout ? 0 : 1;
  } catch (const Xapian::Error& e) {
    std::cerr << "xapian-more-like-this: error: " << e.get_description() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "xapian-more-like-this: error: " << e.what() << '\n';
  }
  return 1;
}
