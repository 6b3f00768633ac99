// near_duplicates.h (internal) — fingerprints of article text and the
// duplicate clusters built from them (docs/news.md, "Near-duplicates").
//
// An article's fingerprint is a MinHash signature of the set of its word
// 3-shingles (the analyser's stems, so case, diacritics and inflection do
// not matter). Two articles are near-duplicates when the estimated Jaccard
// resemblance of their shingle sets and the containment of the smaller in
// the larger are both high enough: a cut reprint keeps a high containment,
// a different article about the same event shares few shingles at all.
// Candidates are found through LSH bands, pairs of min-hashes stored as
// boolean terms, so a new article's candidates are a few posting lists away.
//
// Every article carries the boolean term of a cluster key; an article with
// a copy also carries the key as a value, the collapse key. An article joins
// the cluster of the most similar earlier article still in the index: it
// takes that cluster's key (term and value). An article like none is alone:
// its term names the cluster it would start, a hash of its id term and
// fingerprint, and it has no value, so the searcher's collapser skips it
// (most articles: one value fewer to write and to file at every search).
// When a first copy comes, the article it joins gets the value of its own
// key: a change of values only, which Xapian writes without touching the
// document's terms. A key never changes once given and never names another
// cluster: deleting or rewriting the article that started a cluster leaves
// the other members together.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::indexer {

/// MinHash signature of an article's text.
struct Fingerprint {
  static constexpr std::size_t kHashes = 64;      ///< min-hashes kept for verification
  static constexpr std::size_t kBands = 10;       ///< LSH bands stored as terms
  static constexpr std::size_t kRowsPerBand = 2;  ///< min-hashes per band
  static constexpr std::size_t kShingleWords = 3;
  /// Texts with fewer distinct shingles get no fingerprint: too little to
  /// tell a reprint from a coincidence.
  static constexpr std::size_t kMinShingles = 5;
  /// Below this many distinct shingles a text is short (a brief, a
  /// templated notice, a headline): only a near-identical text counts as
  /// its copy, and its headline is fingerprinted with its body.
  static constexpr std::size_t kShortShingles = 20;

  std::uint32_t shingles = 0;  ///< distinct shingles; 0: no fingerprint
  /// The low 8 bits of each min-hash (b-bit MinHash: an accidental match
  /// has a chance of 1/256, which resemblance() discounts; an eighth of
  /// the storage of 64 bits, and every byte stored is also compressed by
  /// Xapian's writer with the document's values).
  std::array<std::uint8_t, kHashes> mins{};
  /// Hash of each band's full-width min-hashes: known when the fingerprint
  /// is made, not stored (they are the document's band terms).
  std::optional<std::array<std::uint32_t, kBands>> bands;

  bool empty() const noexcept { return shingles == 0; }

  /// The fingerprint of a text given as its words in order.
  static Fingerprint of_words(const std::vector<std::string_view>& words);

  /// Value-slot encoding (fixed width, without the bands) and back;
  /// nullopt for anything else.
  std::string encode() const;
  static std::optional<Fingerprint> decode(std::string_view value);

  /// The boolean terms of the bands (schema::kDuplicateBandPrefix...);
  /// none for a decoded fingerprint (see band_terms_of).
  std::vector<std::string> band_terms() const;
};

/// The band terms a document carries.
std::vector<std::string> band_terms_of(const Xapian::Document& doc);

/// Estimated Jaccard resemblance of the two shingle sets.
double resemblance(const Fingerprint& a, const Fingerprint& b);

/// Whether `a` and `b` are copies of one story (thresholds in the .cc).
bool same_story(const Fingerprint& a, const Fingerprint& b);

/// The key of a cluster started by the article whose unique (id) term is
/// `id_term`, with fingerprint `fp`: 16 hex digits.
std::string new_cluster_key(std::string_view id_term, const Fingerprint& fp);

/// A document's cluster key as a candidate copy offers it.
struct CandidateKey {
  std::string key;
  /// false: the document is alone, and `key` (its term's) is the one it
  /// gives the cluster it starts; its value is not set yet.
  bool keyed = true;
};

/// The key a document of an index offers: its value's, else its term's.
CandidateKey candidate_key_of(const Xapian::Document& doc);

/// Sets the cluster key of `doc` (value slot and boolean term), removing
/// the term of a previous key.
void set_cluster_key(Xapian::Document& doc, const std::string& key);

/// Gives an article that was alone the value of the key its term holds: it
/// starts a cluster. Only a value changes.
void set_cluster_value(Xapian::Document& doc, const std::string& key);

/// The key of the cluster term among a document's terms, or empty.
std::string cluster_term_key_of(const Xapian::Document& doc);

/// The boolean term of the page an article was published at
/// (schema::kPagePrefix + a hash of canonical_article_url), or empty when
/// its URL names no page.
std::string page_term(std::string_view url);

/// The page term among a document's terms, or empty.
std::string page_term_of(const Xapian::Document& doc);

/// Candidates read per band or page term: a band shared by very many
/// articles is boilerplate, and the first copies found are enough to join
/// a cluster.
inline constexpr std::size_t kMaxCandidatesPerBand = 64;

/// A candidate copy, as the caller knows it.
struct ClusterCandidate {
  Fingerprint fingerprint;  ///< empty: its text was too short to have one
  CandidateKey key;         ///< the cluster it is in, or would start
  bool same_page = false;   ///< published at the article's page (page_term)
};

/// The cluster an article joins.
struct ClusterChoice {
  std::string key;
  /// The candidate that starts the cluster and has no value yet (it must
  /// be given `key`'s value, set_cluster_value), if any.
  std::optional<Xapian::docid> starter;
};

/// The cluster an article with fingerprint `fp` joins among `candidates`,
/// or nullopt if it is like none of them. `candidate` gives
/// a candidate as the caller knows it, or nullopt to skip it (e.g. it was
/// added later). A record of the same page is a copy whatever its text (a
/// headline edited in place) and comes before any copy by text; of several
/// copies by text the most similar wins; then the smallest key, so the
/// outcome does not depend on docids.
std::optional<ClusterChoice> closest_cluster(
    const Fingerprint& fp, const std::vector<Xapian::docid>& candidates,
    const std::function<std::optional<ClusterCandidate>(Xapian::docid)>& candidate);

/// The cluster an article with fingerprint `fp`, band terms `bands` and
/// page term `page` (may be empty) joins among the documents of `db`
/// (candidates from its band and page terms, then closest_cluster).
/// `eligible` says whether a candidate counts and gives its cluster key, or
/// nullopt to skip it.
std::optional<ClusterChoice> find_cluster(
    const Xapian::Database& db, const Fingerprint& fp, const std::vector<std::string>& bands,
    const std::string& page,
    const std::function<std::optional<CandidateKey>(Xapian::docid, const Xapian::Document&)>&
        eligible);

}  // namespace newsdex::indexer
