#include "query_expansion.h"

#include "analysis/stopwords.h"
#include "text_term_decider.h"

namespace newsdex::searcher {

bool is_bag_of_words(const Xapian::Query& text) {
  switch (text.get_type()) {
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::OP_WILDCARD:
      return true;
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR:
      for (std::size_t i = 0; i < text.get_num_subqueries(); ++i) {
        if (!is_bag_of_words(text.get_subquery(i))) return false;
      }
      return true;
    default:
      // AND, AND_NOT, FILTER, +word (AND_MAYBE), field filters (scaled
      // to 0), match-all: the query constrains what matches.
      return false;
  }
}

ExpandedQuery expand_query(const Xapian::Database& db, const BuiltQuery& built,
                           const QueryExpansion& options, const Xapian::Weight& weighting,
                           bool may_widen) {
  options.validate();
  ExpandedQuery expanded{built.query, {}};
  Xapian::Enquire enquire(db);
  enquire.set_query(built.query);
  enquire.set_weighting_scheme(weighting);
  const Xapian::MSet feedback = enquire.get_mset(0, options.documents);
  if (feedback.empty()) return expanded;
  Xapian::RSet relevant;
  for (auto it = feedback.begin(); it != feedback.end(); ++it) relevant.add_document(*it);
  // Terms of the query are left out (get_eset's default): they are in it.
  // Exact term frequencies: on a sharded index whose feedback documents lie
  // in some shards only, Xapian would otherwise scale those shards' counts
  // up to the whole index (an estimate one database never makes).
  const TextTermDecider text_terms(analysis::stopwords(built.language));
  const Xapian::ESet eset =
      enquire.get_eset(options.terms, relevant, Xapian::Enquire::USE_EXACT_TERMFREQ, &text_terms);
  if (eset.empty()) return expanded;
  std::vector<Xapian::Query> added;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    added.emplace_back(*it);
    expanded.added_stems.push_back(text_term_stem(*it));
  }
  // Each added word keeps its own BM25 weight (its rarity, its frequency
  // in the article), scaled down as a whole: RM3's interpolation of the
  // query with the feedback model, with BM25 in place of probabilities.
  const Xapian::Query expansion(Xapian::Query::OP_SCALE_WEIGHT,
                                Xapian::Query(Xapian::Query::OP_OR, added.begin(), added.end()),
                                options.weight);
  if (!may_widen) {
    expanded.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, built.query, expansion);
    return expanded;
  }
  const Xapian::Query widened(Xapian::Query::OP_OR, built.text, expansion);
  expanded.query = built.filter.empty()
                       ? widened
                       : Xapian::Query(Xapian::Query::OP_FILTER, widened, built.filter);
  return expanded;
}

}  // namespace newsdex::searcher
