#include "related.h"

#include <map>

#include "analysis/stopwords.h"
#include "newsdex/common/error.h"
#include "newsdex/common/schema.h"
#include "text_term_decider.h"

namespace newsdex::searcher {
namespace {

// The article's words that other stories have too. Most distinctive of an
// article, by the ESet's measure, are the words its copies alone share; they
// would find only those copies, which related articles leave out.
class WordsOfOtherStories : public Xapian::ExpandDecider {
 public:
  WordsOfOtherStories(const Xapian::Database& db, const std::vector<std::string_view>& stopwords,
                      std::map<std::string, Xapian::doccount> in_cluster,
                      Xapian::doccount min_others)
      : db_(db), text_(stopwords), in_cluster_(std::move(in_cluster)), min_others_(min_others) {}

  bool operator()(const std::string& term) const override {
    if (!text_(term)) return false;
    const auto found = in_cluster_.find(term);
    // The article itself has it, whether or not its copies were read.
    const Xapian::doccount inside = found == in_cluster_.end() ? 1 : found->second;
    return db_.get_termfreq(term) >= inside + min_others_;
  }

 private:
  const Xapian::Database& db_;
  TextTermDecider text_;
  std::map<std::string, Xapian::doccount> in_cluster_;
  Xapian::doccount min_others_;
};

// How many articles of the cluster (up to `most` of them) have each word.
std::map<std::string, Xapian::doccount> words_of_cluster(const Xapian::Database& db,
                                                         const std::string& cluster_term,
                                                         Xapian::doccount most) {
  std::map<std::string, Xapian::doccount> counts;
  const std::string marker(schema::kStemMarker);
  Xapian::doccount read = 0;
  for (auto copy = db.postlist_begin(cluster_term);
       copy != db.postlist_end(cluster_term) && read < most; ++copy, ++read) {
    // Terms sort, so the stems are one run: skip to it, stop after it.
    Xapian::TermIterator term = db.termlist_begin(*copy);
    term.skip_to(marker);
    for (; term != db.termlist_end(*copy); ++term) {
      const std::string name = *term;
      if (name.compare(0, marker.size(), marker) != 0) break;
      ++counts[name];
    }
  }
  return counts;
}

}  // namespace

RelatedQuery related_query(const Xapian::Database& db, std::string_view id,
                           const std::string& language, const std::string& db_name,
                           const RelatedQueryOptions& options) {
  const std::string id_term = schema::id_term(id);
  auto posting = db.postlist_begin(id_term);
  if (posting == db.postlist_end(id_term)) {
    throw NotFoundError(db_name + ": no article with id \"" + std::string(id) + "\"");
  }
  const Xapian::docid article = *posting;
  RelatedQuery related;

  std::vector<Xapian::Query> excluded{Xapian::Query(id_term)};
  const std::string cluster =
      schema::cluster_key(db.get_document(article).get_value(schema::kSlotCluster));
  std::map<std::string, Xapian::doccount> in_cluster;
  if (!cluster.empty()) {
    const std::string cluster_term = std::string(schema::kClusterPrefix) + cluster;
    excluded.emplace_back(cluster_term);
    in_cluster = words_of_cluster(db, cluster_term, options.max_copies_read);
  }
  related.excluded = Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end());

  // The ESet of an RSet of one document weighs each of its words by how
  // much more often it occurs there than in the index at large (Xapian's
  // TradEWeight): its names, places and subject words, not its filler.
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(id_term));
  Xapian::RSet rset;
  rset.add_document(article);
  const WordsOfOtherStories words_of_others(db, analysis::stopwords(language),
                                            std::move(in_cluster), options.min_other_articles);
  // Exact term frequencies: on a sharded index the article lies in one
  // shard, and Xapian would otherwise estimate each word's frequency in the
  // whole index by scaling up its count in that shard, so the words chosen,
  // and their weights, would differ from one database's.
  const Xapian::ESet eset =
      enquire.get_eset(options.terms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &words_of_others);
  if (eset.empty()) {
    related.words = Xapian::Query::MatchNothing;  // an article without words
    return related;
  }
  const double best = eset.begin().get_weight();
  std::vector<Xapian::Query> words;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    const std::string& term = *it;
    Xapian::Query word(term);
    if (options.weight_by_eset && best > 0 && it.get_weight() > 0) {
      word = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, word, it.get_weight() / best);
    }
    words.push_back(std::move(word));
    related.terms.push_back({text_term_stem(term), term, false});
  }
  related.words = Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end());

  return related;
}

Xapian::Query related_search(const RelatedQuery& related, const BuiltQuery& built, bool has_query) {
  Xapian::Query search = related.words;
  if (has_query) {
    // The request's words (and field filters) say which related articles
    // are wanted; they do not change how alike they rank.
    search = Xapian::Query(Xapian::Query::OP_FILTER, search, built.query);
  } else if (!built.filter.empty()) {
    search = Xapian::Query(Xapian::Query::OP_FILTER, search, built.filter);
  }
  return Xapian::Query(Xapian::Query::OP_AND_NOT, search, related.excluded);
}

}  // namespace newsdex::searcher
