#include "newsdex/searcher/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <map>
#include <set>

#include "counted_matches.h"
#include "facet_cache.h"
#include "facets.h"
#include "freshness.h"
#include "highlight.h"
#include "newsdex/common/date.h"
#include "newsdex/common/error.h"
#include "newsdex/common/schema.h"
#include "query_builder.h"
#include "query_expansion.h"
#include "query_terms.h"
#include "related.h"
#include "shard_counting.h"
#include "sharded_database.h"
#include "snippet.h"
#include "stored_article.h"
#include "story_counter.h"

namespace newsdex::searcher {
namespace {

// A commit by the indexer can invalidate a reader's snapshot mid-search (or
// mid-open); each retry reads the newest revision, so a few always suffice
// unless the indexer commits continuously.
constexpr int kMaxAttempts = 10;

// Below this many matches, totals are counted exactly.
constexpr Xapian::doccount kExactTotalsUpTo = 1000;
// When collapsing, a query that may match more articles than this is
// counted by a pass of its own (see search_once). Set on Reuters-21578:
// below a hundred matches either way costs tens of microseconds.
constexpr Xapian::doccount kCollapsedCountSeparatelyAbove = 100;

// An upper bound on the matches of `query` from term frequencies alone (a
// B-tree lookup per term, no postings read); the database size where it
// cannot tell.
Xapian::doccount match_bound(const Xapian::Database& db, const Xapian::Query& query) {
  const Xapian::doccount all = db.get_doccount();
  const std::size_t n = query.get_num_subqueries();
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return db.get_termfreq(*query.get_terms_begin());
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return 0;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR: {
      Xapian::doccount bound = all;
      for (std::size_t i = 0; i < n; ++i) {
        bound = std::min(bound, match_bound(db, query.get_subquery(i)));
      }
      return bound;
    }
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_ELITE_SET: {
      std::uint64_t bound = 0;
      for (std::size_t i = 0; i < n && bound < all; ++i) {
        bound += match_bound(db, query.get_subquery(i));
      }
      return static_cast<Xapian::doccount>(std::min<std::uint64_t>(bound, all));
    }
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return n > 0 ? match_bound(db, query.get_subquery(0)) : all;
    default:
      return all;  // match-all, wildcards, value ranges: could be anything
  }
}

bool has_positional_operator(const Xapian::Query& query) {
  const auto type = query.get_type();
  if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) return true;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    if (has_positional_operator(query.get_subquery(i))) return true;
  }
  return false;
}

void check_schema_version(const Xapian::Database& db, const std::string& path) {
  const std::string version = db.get_metadata(std::string(schema::kSchemaVersionKey));
  if (!version.empty() && version != schema::kSchemaVersion) {
    throw IndexError(path + ": index has schema version " + version + ", this newsdex reads " +
                     std::string(schema::kSchemaVersion) + " (rebuild it with newsdex-index)");
  }
}

// A sharded index's connection to its shards, or null for a single database.
std::unique_ptr<ShardedDatabase> open_shards(const std::string& path,
                                             const SearcherOptions& options) {
  if (!shards::is_sharded(path)) return nullptr;
  return std::make_unique<ShardedDatabase>(
      path, std::chrono::milliseconds(options.shard_timeout_ms), options.allow_partial);
}

Xapian::Database open_readable(const std::string& path, ShardedDatabase* shards) {
  for (int attempt = 1;; ++attempt) {
    try {
      Xapian::Database db = shards ? shards->connect() : Xapian::Database(path);
      check_schema_version(db, path);
      return db;
    } catch (const Xapian::DatabaseModifiedError& e) {
      // An indexer committed twice while we opened: open the new revision.
      if (attempt == kMaxAttempts) {
        throw IndexError(path + ": index changed too often while opening: " + e.get_msg());
      }
    } catch (const Xapian::DatabaseOpeningError& e) {
      throw IndexError(path +
                       ": no readable index here (create one with newsdex-index): " + e.get_msg());
    } catch (const Xapian::Error& e) {
      throw IndexError(path + ": cannot open index: " + e.get_description());
    }
  }
}

// A CJK query word the analyser split into characters (芯片 -> 芯, 片) is
// matched character by character, so a character that merely occurs
// elsewhere (口 in 进口 for a search on 出口) would be marked too. So CJK
// highlights are made from the whole query words instead: the character
// matches are dropped and every occurrence of a whole CJK word is marked.
void highlight_cjk_words(HighlightedText& text, const std::vector<std::string>& words) {
  if (words.empty()) return;
  const auto is_cjk_span = [&](const Span& span) {
    return span.end > span.start && static_cast<unsigned char>(text.text[span.start]) >= 0xE3;
  };
  std::vector<Span> spans;
  std::copy_if(text.highlights.begin(), text.highlights.end(), std::back_inserter(spans),
               [&](const Span& span) { return !is_cjk_span(span); });
  for (const std::string& word : words) {
    for (std::size_t at = text.text.find(word); at != std::string::npos;
         at = text.text.find(word, at + word.size())) {
      spans.push_back(
          {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + word.size())});
    }
  }
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.start < b.start; });
  text.highlights.clear();
  for (const Span& span : spans) append_highlight(text.highlights, span);
}

std::set<Xapian::valueno> facet_slots(const std::vector<FacetRequest>& facets) {
  std::set<Xapian::valueno> slots;
  for (const FacetRequest& facet : facets) slots.insert(facet_slot(facet));
  return slots;
}

}  // namespace

class Searcher::Impl {
 public:
  Impl(const std::string& path, const SearcherOptions& options)
      : path_(path),
        exact_facet_matches_(options.exact_facet_matches),
        count_separately_above_(options.count_separately_above),
        bm25_k1_(options.bm25_k1),
        bm25_b_(options.bm25_b),
        shards_(open_shards(path, options)),
        db_(open_readable(path, shards_.get())),
        facet_cache_(options.facet_cache, facet_slots(options.preload_facets)),
        facet_cache_enabled_(options.facet_cache),
        preload_slots_(facet_slots(options.preload_facets)),
        analyzer_(options.analyzer),
        query_builder_(analyzer_) {
    facet_cache_.preload(db_);
  }

  SearchResult search(const SearchRequest& request) {
    return with_retries([&] { return search_once(request, nullptr); });
  }

  SearchResult duplicates_of(std::string_view id, const SearchRequest& request) {
    return with_retries([&] {
      const std::string id_term = schema::id_term(id);
      auto it = db_.postlist_begin(id_term);
      if (it == db_.postlist_end(id_term)) {
        throw NotFoundError(path_ + ": no article with id \"" + std::string(id) + "\"");
      }
      const std::string key =
          schema::cluster_key(db_.get_document(*it).get_value(schema::kSlotCluster));
      // An article without a key has no copy.
      const Xapian::Query copies =
          key.empty() ? Xapian::Query::MatchNothing
                      : Xapian::Query(Xapian::Query::OP_AND_NOT,
                                      Xapian::Query(std::string(schema::kClusterPrefix) + key),
                                      Xapian::Query(id_term));
      SearchRequest listing = request;
      listing.query.clear();
      listing.collapse = false;
      SearchResult result = search_once(listing, &copies);
      result.query = std::string(id);
      return result;
    });
  }

  SearchResult related(std::string_view id, const SearchRequest& request) {
    return with_retries([&] {
      const std::string language =
          request.language.empty() ? analyzer_.options().default_language : request.language;
      const RelatedQuery like = related_query(db_, id, language, path_);
      SearchResult result = search_once(request, nullptr, &like);
      result.like = std::string(id);
      return result;
    });
  }

  template <typename Search>
  SearchResult with_retries(const Search& search) {
    int network_failures = 0;
    for (int attempt = 1;; ++attempt) {
      try {
        // Shards left out of a partial search come back once they answer.
        if (shards_ && !shards_->missing().empty() && shards_->retry_due()) reconnect();
        // Cheap when nothing changed; otherwise every search sees the latest
        // commit instead of the snapshot the Searcher opened. A commit during
        // the reopen or the search lands here and the next attempt retries.
        reopen();
        SearchResult result = search();
        if (shards_ && !shards_->missing().empty()) {
          result.partial = true;
          result.missing_shards = shards_->missing();
        }
        return result;
      } catch (const Xapian::NetworkError& e) {
        // A remote shard died or hung. Its connection stays broken even
        // once the server is back, so connect again: that names the shard
        // that is down (ShardUnavailableError), or leaves it out
        // (allow_partial), or finds it restarted.
        if (!shards_ || ++network_failures > 2) {
          throw ShardUnavailableError(path_ + ": a shard failed: " + e.get_description());
        }
        reconnect();
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == kMaxAttempts) {
          throw IndexError(path_ + ": index changed too often during the search; try again");
        }
      } catch (const Xapian::DatabaseCorruptError& e) {
        // A search of a revision that commits are replacing can read a block
        // a newer commit already reused before Xapian notices the revision
        // is gone (seen, rarely, with eight searchers beside an indexer under
        // ASan). If the index has moved on, the next attempt reads the new
        // revision; damage that stays is reported.
        if (attempt == kMaxAttempts || !index_moved_on()) {
          throw IndexError(path_ + ": search failed: " + e.get_description());
        }
      } catch (const Xapian::Error& e) {
        throw IndexError(path_ + ": search failed: " + e.get_description());
      }
    }
  }

  bool index_moved_on() {
    try {
      return reopen();
    } catch (const Xapian::Error&) {
      return true;  // changing under us again: worth another attempt
    }
  }

  Article article(std::string_view id) {
    return with_retries_reading([&] {
      const std::string id_term = schema::id_term(id);
      auto it = db_.postlist_begin(id_term);
      if (it == db_.postlist_end(id_term)) {
        throw NotFoundError(path_ + ": no article with id \"" + std::string(id) + "\"");
      }
      return internal::decode_stored_article(db_.get_document(*it).get_data());
    });
  }

  std::optional<std::uint64_t> revision() {
    return with_retries_reading([&]() -> std::optional<std::uint64_t> {
      try {
        return db_.get_revision();
      } catch (const Xapian::InvalidOperationError&) {
        return std::nullopt;  // several shards: no one revision
      } catch (const Xapian::UnimplementedError&) {
        return std::nullopt;  // a remote or in-memory database
      }
    });
  }

  std::uint64_t document_count() {
    return with_retries_reading([&]() -> std::uint64_t { return db_.get_doccount(); });
  }

  // Runs `read` on the latest commit, again when a commit replaced what it read.
  template <typename Read>
  auto with_retries_reading(const Read& read) -> decltype(read()) {
    for (int attempt = 1;; ++attempt) {
      try {
        reopen();
        return read();
      } catch (const Xapian::NetworkError& e) {
        if (!shards_ || attempt > 1) {
          throw ShardUnavailableError(path_ + ": a shard failed: " + e.get_description());
        }
        reconnect();
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == kMaxAttempts)
          throw IndexError(path_ + ": index changed too often; try again");
      } catch (const Xapian::Error& e) {
        throw IndexError(path_ + ": cannot read index: " + e.get_description());
      }
    }
  }

 private:
  // Connects to every shard afresh (see with_retries).
  void reconnect() {
    db_ = open_readable(path_, shards_.get());
    facet_cache_.forget();
    counting_db_.reset();
    shard_counting_.reset();
  }

  // Moves to the latest commit; what was cached for the old one goes.
  bool reopen() {
    const bool moved = db_.reopen();
    if (moved) facet_cache_.forget();
    return moved;
  }

  // Runs `request`, limited to the articles `only` matches when not null,
  // or ranked as like an article by `like` when not null.
  SearchResult search_once(const SearchRequest& request, const Xapian::Query* only,
                           const RelatedQuery* like = nullptr) {
    const auto started = std::chrono::steady_clock::now();
    SearchResult result;
    result.query = request.query;
    BuiltQuery built = query_builder_.build(db_, request);
    result.warnings = std::move(built.warnings);
    if (only) built.query = Xapian::Query(Xapian::Query::OP_FILTER, built.query, *only);
    const bool collapse = request.collapse;
    result.collapsed = collapse;
    // Some shards served by xapian-tcpsrv: see the workarounds below.
    const bool remote = shards_ && shards_->has_remote();
    // k2 = 0 and k3 = 1 as Xapian's defaults; min_normlen 0.5 likewise.
    const Xapian::BM25Weight bm25(bm25_k1_, 0, 1, bm25_b_, 0.5);
    if (like) {
      built.query = related_search(*like, built, !request.query.empty());
      built.has_words = true;
      built.highlight_terms = like->terms;
      for (const HighlightTerm& term : like->terms) result.expansion_terms.push_back(term.stem);
    } else if (request.expand == ExpandMode::kOn ||
               (request.expand == ExpandMode::kAuto &&
                request.default_operator == DefaultOperator::kOr)) {
      request.expansion.validate();
      if (built.has_words && request.sort == SortOrder::kRelevance) {
        ExpandedQuery expanded = expand_query(
            db_, built, request.expansion, bm25,
            request.default_operator == DefaultOperator::kOr && is_bag_of_words(built.text));
        built.query = std::move(expanded.query);
        result.expansion_terms = std::move(expanded.added_stems);
      }
    }

    Xapian::Enquire enquire(db_);
    // Inside the matcher, so that every sort order keeps the best copy by
    // its own ordering and the totals are of stories (docs/news.md).
    if (collapse) enquire.set_collapse_key(schema::kSlotCluster);
    enquire.set_weighting_scheme(bm25);
    result.ranking = ranking_name(request.sort, built.has_words);
    if (request.freshness && result.ranking == "relevance") {
      enquire.set_query(fresh_query(built.query, *request.freshness, result));
    } else {
      if (request.freshness) request.freshness->validate();
      enquire.set_query(built.query);
    }
    set_sort(enquire, request.sort, built.has_words);
    // Remote shards run no newsdex class, and inflate match-spy counts when
    // a value sort is set (Xapian 1.4, docs/scaling.md): they are counted
    // with Xapian's own spies, in the counting pass, which sorts by nothing.
    FacetCounter facet_counter(request.facets, facet_cache_, db_, remote);

    // Facets need every match (up to exact_facet_matches_), the hits only
    // the best few. Ranking every match of a broad query costs a BM25 weight
    // and a document length each; so when the query is broad, the matches
    // are counted by an unranked pass (BoolWeight: no lengths, no weights)
    // and the ranked pass stops as soon as its page is certain, which on a
    // million articles halves one-word searches with facets. Narrow and
    // phrase queries keep one pass: a second would check positions twice.
    // Collapsing tips the balance sooner: in one pass Xapian's collapser
    // reads and files the key of every match counted, which costs more than
    // an unranked pass whose spies count stories; with a second pass the
    // collapser sees only matches that may reach the page.
    const Xapian::doccount count_up_to =
        request.facets.empty() ? kExactTotalsUpTo : exact_facet_matches_;
    const bool rankable = built.has_words && !has_positional_operator(built.query);
    const Xapian::doccount bound = rankable ? match_bound(db_, built.query) : 0;
    const bool count_separately =
        (remote && (!request.facets.empty() || collapse)) ||
        (rankable && ((!request.facets.empty() && bound > count_separately_above_) ||
                      (collapse && bound > kCollapsedCountSeparatelyAbove)));
    // Xapian leaves totals estimated whenever it collapses (its matcher
    // does not trust its count of matches then), so when collapsing a spy
    // counts the articles and distinct clusters of every match examined;
    // fewer than were asked for means the match examined them all, and both
    // are exact.
    StoryCountMatchSpy stories;
    StoryCountMatchSpy* stories_spy = collapse ? &stories : nullptr;
    const StorySpy story_spy = collapse ? StorySpy::kNewsdex : StorySpy::kNone;
    // The counting pass runs on another thread beside the ranked pass: on
    // two cores a broad search then takes about as long as the longer pass,
    // not both. On one database it runs on a second handle of the same
    // revision (a Xapian::Database must not be shared between threads); on
    // a sharded index, on every shard at once (shard_counting.h). Declared
    // after facet_counter, so that if the ranked pass throws, the
    // destructor waits for the counting pass before the counter it uses goes.
    CountedMatches counted;
    std::future<CountedMatches> counting;
    if (count_separately && shards_) {
      counting = std::async(
          std::launch::async,
          [&on_shards = shard_counting(), query = built.query.serialise(), &request, collapse,
           count_up_to] { return on_shards.count(query, request.facets, collapse, count_up_to); });
    } else if (count_separately) {
      // Only a broad query is worth a thread: starting one costs more than
      // counting a few hundred matches.
      Xapian::Database* beside = bound > count_separately_above_ ? counting_handle() : nullptr;
      if (beside) {
        counting = std::async(std::launch::async, [beside, query = built.query.serialise(),
                                                   &facet_counter, story_spy, count_up_to] {
          return count_unranked(*beside, Xapian::Query::unserialise(query), facet_counter,
                                story_spy, count_up_to);
        });
      } else {
        counted = count_unranked(db_, built.query, facet_counter, story_spy, count_up_to);
      }
    } else {
      facet_counter.attach(enquire);
      if (stories_spy) enquire.add_matchspy(stories_spy);
    }
    const Xapian::doccount check_at_least = std::max<Xapian::doccount>(
        count_separately ? 0 : count_up_to, request.offset + request.limit);
    Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check_at_least);
    if (counting.valid()) {
      counted = counting.get();
    } else if (!count_separately) {
      counted = counted_matches_of(mset, facet_counter, stories_spy, check_at_least);
    }
    if (counted.missed_matches) {
      // The cache is checked against every reopen, so this means a revision
      // change it did not see; count again rather than drop matches.
      facet_cache_.forget();
      shard_counting_.reset();
      throw Xapian::DatabaseModifiedError("facet cache older than the revision searched");
    }

    if (collapse && counted.stories_complete) {
      result.total_estimate = result.total_lower_bound = result.total_upper_bound =
          counted.stories.stories();
      result.articles_estimate = result.articles_lower_bound = result.articles_upper_bound =
          counted.stories.articles;
    } else {
      // Too many to count: the stories as the collapsing (ranked) pass
      // estimates them, the articles as the pass that saw the most.
      result.articles_estimate = counted.estimated;
      result.articles_lower_bound = counted.lower_bound;
      result.articles_upper_bound = counted.upper_bound;
      result.total_estimate = result.articles_estimate;
      result.total_lower_bound = result.articles_lower_bound;
      result.total_upper_bound = result.articles_upper_bound;
      if (collapse) {
        result.total_estimate =
            std::min<std::uint64_t>(mset.get_matches_estimated(), result.total_estimate);
        result.total_lower_bound =
            std::min<std::uint64_t>(mset.get_matches_lower_bound(), result.total_lower_bound);
        result.total_upper_bound =
            std::min<std::uint64_t>(mset.get_matches_upper_bound(), result.total_upper_bound);
      }
    }
    result.total_exact = result.total_lower_bound == result.total_upper_bound;
    // Facets count articles, every copy: match spies see matches before
    // they are collapsed.
    result.facets = make_facets(request.facets, counted.facets,
                                static_cast<Xapian::doccount>(result.articles_estimate),
                                static_cast<Xapian::doccount>(result.articles_upper_bound));
    if (request.suggest && !built.suggestion.empty()) result.suggestion = built.suggestion;

    const QueryTerms terms(built.highlight_terms, mset, db_.get_doccount());
    // A remote shard answers each document fetch with a round trip: ask
    // for the whole page at once. Xapian 1.4's MSet::fetch() indexes its
    // items from 0 whatever the first rank asked for (it reads out of
    // bounds on later pages), so only the first page is prefetched.
    if (shards_ && request.offset == 0 && !mset.empty()) mset.fetch();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      result.hits.push_back(make_hit(it, built, terms, request));
    }
    if (shards_ && collapse)
      count_copies_across_shards(enquire.get_query(), built, result.hits, request);
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
  }

  static std::string ranking_name(SortOrder order, bool has_words) {
    if (order == SortOrder::kRelevance && has_words) return "relevance";
    return order == SortOrder::kOldest ? "oldest" : "newest";
  }

  // `text` blended with the freshness boost. The boost is scaled by the
  // highest score the text query can give (Xapian's bound, from term
  // statistics alone: the matcher reads no postings when asked for no
  // hits), so one max_boost suits one-word and ten-word queries alike.
  Xapian::Query fresh_query(const Xapian::Query& text, const Freshness& freshness,
                            SearchResult& result) {
    const long long today = freshness_reference_day(freshness);
    Xapian::Enquire bound(db_);
    bound.set_query(text);
    bound.set_weighting_scheme(Xapian::BM25Weight(bm25_k1_, 0, 1, bm25_b_, 0.5));
    const double max_text = bound.get_mset(0, 0, Xapian::doccount{0}).get_max_possible();
    const double max_weight = freshness.max_boost * max_text;
    AppliedFreshness applied;
    applied.half_life_days = freshness.half_life_days;
    applied.now = format_iso8601(Timestamp{today * 86400, true});
    applied.max_boost = max_weight;
    result.ranking = "fresh";
    result.freshness = applied;
    const Xapian::Query boost = freshness_query(db_, today, freshness.half_life_days, max_weight);
    if (boost.empty()) return text;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, text, boost);
  }

  // The shards' own handles for the counting pass, opened at the first
  // search that needs them (and again after a reconnect).
  ShardCounting& shard_counting() {
    if (!shard_counting_) {
      shard_counting_ = std::make_unique<ShardCounting>(shards_->open_apart(), facet_cache_enabled_,
                                                        preload_slots_);
    }
    return *shard_counting_;
  }

  // Xapian does not add up collapse counts across remote shards, and on
  // local ones the lower bound it gives depends on document order, so on a
  // sharded index the copies folded into each hit are counted by one more
  // pass: the query's matches in the page's clusters, uncollapsed, tallied
  // by cluster with a built-in spy. This counts every matching copy, where
  // a single database gives a lower bound when its matcher stops early
  // (docs/scaling.md).
  void count_copies_across_shards(const Xapian::Query& query, const BuiltQuery& built,
                                  std::vector<Hit>& hits, const SearchRequest& request) const {
    std::vector<Xapian::Query> clusters;
    for (const Hit& hit : hits) {
      if (!hit.cluster.empty()) {
        clusters.emplace_back(std::string(schema::kClusterPrefix) + hit.cluster);
      }
    }
    if (clusters.empty()) return;
    Xapian::Enquire enquire(db_);
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, query,
                      Xapian::Query(Xapian::Query::OP_OR, clusters.begin(), clusters.end())));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy copies(schema::kSlotCluster);
    enquire.add_matchspy(&copies);
    enquire.get_mset(0, 0, db_.get_doccount());
    std::map<std::string, Xapian::doccount> in_cluster;
    for (auto it = copies.values_begin(); it != copies.values_end(); ++it) {
      in_cluster[schema::cluster_key(*it)] = it.get_termfreq();
    }
    for (Hit& hit : hits) {
      const auto found = in_cluster.find(hit.cluster);
      hit.duplicates = found == in_cluster.end() || found->second == 0 ? 0 : found->second - 1;
      if (hit.duplicates > 0 && request.similar_sources > 0 && hit.similar_sources.empty()) {
        hit.similar_sources = sources_of_copies(built.query, hit, request.similar_sources);
      }
    }
  }

  // A second handle on the index at db_'s revision, for a counting pass on
  // another thread; null when there is none to be had (several shards, or
  // a commit landed between the two reopens), and the pass runs here.
  Xapian::Database* counting_handle() {
    if (db_.size() != 1 || counting_unavailable_) return nullptr;
    try {
      if (!counting_db_) {
        counting_db_ = std::make_unique<Xapian::Database>(path_);
      } else {
        counting_db_->reopen();
      }
      if (counting_db_->get_revision() != db_.get_revision()) return nullptr;
      return counting_db_.get();
    } catch (const Xapian::Error&) {
      // E.g. a remote shard, which has no revision to compare: count in
      // this thread from now on rather than reconnect at every search.
      counting_db_.reset();
      counting_unavailable_ = true;
      return nullptr;
    }
  }

  // Value sorts only: remote shards take no KeyMaker (Xapian 1.4).
  static void set_sort(Xapian::Enquire& enquire, SortOrder order, bool has_words) {
    if (order == SortOrder::kRelevance && has_words) {
      // Equal scores (e.g. only filters matched) fall back to recency.
      enquire.set_sort_by_relevance_then_value(schema::kSlotTimestamp, true);
    } else if (order == SortOrder::kOldest) {
      // Undated articles sort after every date (their key is above any).
      enquire.set_sort_by_value_then_relevance(schema::kSlotOldestFirst, false);
    } else {
      // Newest first; also the order of a query with nothing to rank by.
      enquire.set_sort_by_value_then_relevance(schema::kSlotTimestamp, true);
    }
  }

  Hit make_hit(const Xapian::MSetIterator& it, const BuiltQuery& built, const QueryTerms& terms,
               const SearchRequest& request) {
    // The body is decompressed only for a snippet.
    const bool with_snippet = request.snippet_bytes > 0;
    const Xapian::Document doc = it.get_document();
    Article article = internal::decode_stored_article(
        doc.get_data(),
        with_snippet ? internal::BodyDecoding::kDecode : internal::BodyDecoding::kSkip);
    Hit hit;
    hit.rank = it.get_rank() + 1;
    hit.score = built.has_words ? it.get_weight() : 0.0;
    hit.id = std::move(article.id);
    hit.source = std::move(article.source);
    hit.url = std::move(article.url);
    hit.language = std::move(article.language);
    hit.published = article.published;
    hit.authors = std::move(article.authors);
    hit.topics = std::move(article.topics);
    hit.places = std::move(article.places);
    hit.cluster = schema::cluster_key(doc.get_value(schema::kSlotCluster));
    if (request.collapse) hit.duplicates = it.get_collapse_count();
    if (hit.duplicates > 0 && request.similar_sources > 0) {
      hit.similar_sources = sources_of_copies(built.query, hit, request.similar_sources);
    }
    hit.title = highlight_tokens(article.title, analyzer_, [&](const Token& token) {
      return terms.match(token, analyzer_, built.language).term >= 0;
    });
    if (with_snippet && !article.body.empty()) {
      body_tokens_.clear();
      analyzer_.tokenize(article.body, body_tokens_, 0);
      hit.snippet = make_snippet(
          article.body, body_tokens_,
          [&](const Token& token) { return terms.match(token, analyzer_, built.language); },
          request.snippet_bytes);
      highlight_cjk_words(hit.snippet, built.cjk_words);
    }
    return hit;
  }

  // Distinct sources (up to `most`) of other matches of `query` in the
  // cluster of `hit`, in index order: a filter on one cluster's term is cheap.
  std::vector<std::string> sources_of_copies(const Xapian::Query& query, const Hit& hit,
                                             std::uint32_t most) const {
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(
        Xapian::Query::OP_AND_NOT,
        Xapian::Query(Xapian::Query::OP_FILTER, query,
                      Xapian::Query(std::string(schema::kClusterPrefix) + hit.cluster)),
        Xapian::Query(schema::id_term(hit.id))));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    std::vector<std::string> sources;
    // A few copies per source wanted is plenty to find `most` of them.
    const Xapian::MSet copies = enquire.get_mset(0, most * 4);
    for (auto it = copies.begin(); it != copies.end() && sources.size() < most; ++it) {
      std::string source = internal::decode_stored_article(it.get_document().get_data(),
                                                           internal::BodyDecoding::kSkip)
                               .source;
      if (source.empty() || std::find(sources.begin(), sources.end(), source) != sources.end())
        continue;
      sources.push_back(std::move(source));
    }
    return sources;
  }

  std::string path_;
  Xapian::doccount exact_facet_matches_;
  Xapian::doccount count_separately_above_;
  double bm25_k1_;
  double bm25_b_;
  std::unique_ptr<ShardedDatabase> shards_;  // null: a single database
  Xapian::Database db_;
  std::unique_ptr<Xapian::Database> counting_db_;  // see counting_handle()
  std::unique_ptr<ShardCounting> shard_counting_;  // see shard_counting()
  bool counting_unavailable_ = false;
  FacetCache facet_cache_;
  bool facet_cache_enabled_;                 // for the shards' own caches
  std::set<Xapian::valueno> preload_slots_;  // likewise
  Analyzer analyzer_;
  std::vector<Token> body_tokens_;  // reused between hits
  QueryBuilder query_builder_;
};

Searcher::Searcher(const std::string& db_path, SearcherOptions options)
    : impl_(std::make_unique<Impl>(db_path, std::move(options))) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResult Searcher::search(const SearchRequest& request) { return impl_->search(request); }
SearchResult Searcher::duplicates_of(std::string_view id, const SearchRequest& request) {
  return impl_->duplicates_of(id, request);
}
SearchResult Searcher::related(std::string_view id, const SearchRequest& request) {
  return impl_->related(id, request);
}
std::uint64_t Searcher::document_count() { return impl_->document_count(); }
Article Searcher::article(std::string_view id) { return impl_->article(id); }
std::optional<std::uint64_t> Searcher::revision() { return impl_->revision(); }

}  // namespace newsdex::searcher
