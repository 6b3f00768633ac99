// newsdex/searcher/searcher.h — searching a newsdex index; the embedding API.
//
// Open a Searcher on an index directory, fill a SearchRequest, call search():
//
//   newsdex::searcher::Searcher searcher("news.db");
//   newsdex::searcher::SearchRequest request;
//   request.query = "chip export";
//   for (const auto& hit : searcher.search(request).hits) std::cout << hit.title.text << "\n";
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/common/analyzer.h"
#include "newsdex/common/article.h"
#include "newsdex/searcher/request.h"
#include "newsdex/searcher/result.h"

namespace newsdex::searcher {

/// Settings fixed for the life of a Searcher.
struct SearcherOptions {
  /// Text analysis; must equal the indexer's (defaults match).
  AnalyzerOptions analyzer;
  /// When facets are requested, up to this many matches are examined, so
  /// facet counts and totals are exact up to it; past it they are estimates
  /// (Facet::exact is false). Higher is slower for very broad queries.
  /// On a sharded index a broad query's counting pass examines up to this
  /// many matches in each shard, so counts stay exact up to shards times
  /// it. Default 100,000.
  std::uint32_t exact_facet_matches = 100000;
  /// A search with facets whose matches may number more than this (judged
  /// from term frequencies) counts them in a separate unranked pass, so
  /// that ranking can stop at the requested page instead of weighing every
  /// match. Results are the same either way; 0 always counts separately,
  /// UINT32_MAX never. Default 2,000 (see docs/performance.md).
  std::uint32_t count_separately_above = 2000;
  /// BM25's term-frequency saturation (k1) and document-length
  /// normalisation (b); see docs/relevance.md for how the defaults were
  /// chosen. Defaults 1.2 and 0.7 (Xapian's own are 1.0 and 0.5).
  double bm25_k1 = 1.2;
  double bm25_b = 0.7;
  /// Source, language and date facets can be counted from a per-document
  /// array of value numbers (a facet cache: 4 bytes per article per facet
  /// field, built by reading the field of every article once) instead of
  /// reading the field of each match. With true, a field gets its array once
  /// searches on the current commit have spent about as much reading its
  /// values as a build costs (a quarter as many values as there are
  /// articles); a commit by the indexer starts again. false: never.
  /// Default true. See docs/searching.md, "Facet cache".
  bool facet_cache = true;
  /// Facets whose arrays are built at once (when the Searcher opens, and at
  /// the first search after each commit) instead of when they have paid for themselves:
  /// for servers and batch jobs that show these facets on every search.
  std::vector<FacetRequest> preload_facets;
  /// Sharded index with remote shards (docs/scaling.md): a shard server
  /// that does not answer an operation within this many milliseconds counts
  /// as down (also when connecting). Default 5,000.
  std::uint32_t shard_timeout_ms = 5000;
  /// Sharded index: when a shard cannot be reached, search the others and
  /// say so (SearchResult::partial, missing_shards) instead of throwing
  /// ShardUnavailableError; the missing shards are tried again at most once
  /// a second. Default false.
  bool allow_partial = false;
};

/// Runs searches on one index.
///
/// Ownership and threads: a Searcher owns its open index and its facet cache.
/// It must not be used by two threads at once; open one Searcher per thread
/// (opening is cheap; each has its own facet cache).
/// Each search sees the index as of the latest commit. When an indexer
/// commits while a search runs, the Searcher reopens the index and retries,
/// so callers never see Xapian's DatabaseModifiedError.
class Searcher {
 public:
  /// Opens the index at `db_path` for reading: a single database, or a
  /// sharded index (a folder with a shards.stub, docs/scaling.md), whose
  /// searches give the same results as one database holding every shard.
  /// @throws IndexError if it does not exist or cannot be read
  /// @throws ShardUnavailableError if a shard cannot be reached (without
  ///         allow_partial)
  explicit Searcher(const std::string& db_path, SearcherOptions options = {});
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  /// Runs `request`. A malformed query does not throw: it is repaired and the
  /// result carries a warning.
  /// @throws IndexError if the index cannot be read
  SearchResult search(const SearchRequest& request);

  /// The near-duplicates of article `id`: the other articles of its
  /// duplicate cluster, never collapsed. `request`'s query is ignored; its
  /// filters, dates, sort, paging, snippets and facets apply.
  /// @throws NotFoundError if no article has this id
  /// @throws IndexError if the index cannot be read
  SearchResult duplicates_of(std::string_view id, const SearchRequest& request = {});

  /// The articles most like article `id` ("more like this"): ranked by the
  /// article's most distinctive words (Xapian's ESet of the article;
  /// SearchResult::expansion_terms lists them), the article itself and its
  /// near-duplicates left out. `request`'s filters, dates, sort, paging,
  /// collapsing, snippets and facets apply; a query in it restricts the
  /// related articles to those it matches without changing their order;
  /// `expand` is ignored.
  /// @throws NotFoundError if no article has this id
  /// @throws IndexError if the index cannot be read
  SearchResult related(std::string_view id, const SearchRequest& request = {});

  /// Number of articles in the index as of the latest commit.
  /// @throws IndexError if the index cannot be read
  std::uint64_t document_count();

  /// The stored article with this id, every field as indexed (the body
  /// included), as of the latest commit.
  /// @throws NotFoundError if no article has this id
  /// @throws IndexError if the index cannot be read
  Article article(std::string_view id);

  /// The revision of the latest commit the Searcher reads (it grows with
  /// every commit); empty for a sharded or remote index, which has none.
  /// @throws IndexError if the index cannot be read
  std::optional<std::uint64_t> revision();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex::searcher
