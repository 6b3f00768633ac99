// newsdex/common/schema.h — how an Article maps onto a Xapian document.
//
// The single source of truth shared by the indexer and the searcher; the
// table in docs/schema.md mirrors it. Prefixes follow Xapian Omega's
// conventions where one exists (Q id, S title, A author, K keyword/topic,
// L language, U url, D/M/Y dates) and use X... for our own.
//
// Changing a prefix, a slot or an encoding changes the on-disk format: bump
// kSchemaVersion, which the indexer stores in the database metadata.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsdex::schema {

/// Stored under the metadata key kSchemaVersionKey of every newsdex database.
inline constexpr std::string_view kSchemaVersion = "7";
inline constexpr std::string_view kSchemaVersionKey = "newsdex.schema";

// --- Free-text prefixes -------------------------------------------------------
// A word is indexed once per field, as "Z" + prefix + stem, with its
// positions (QueryParser's STEM_ALL_Z layout): one posting per word instead
// of a word form and a stem, which made indexing 1.8x slower in Xapian's
// writer (docs/performance.md). Phrases match stems ("exported chips" finds
// "export chip"), as in Lucene's and FTS5's English analysers.

/// The ranked text field: title and body words, without a prefix (the
/// field QueryParser searches for unqualified words).
inline constexpr std::string_view kTextPrefix = "";
/// Title words, also indexed alone for title: searches.
inline constexpr std::string_view kTitlePrefix = "S";
/// Prefix Xapian's QueryParser puts before stemmed forms.
inline constexpr std::string_view kStemMarker = "Z";

// --- Boolean (filter) term prefixes: prefix + normalised value --------------
inline constexpr std::string_view kIdPrefix = "Q";         ///< exact id (case kept)
inline constexpr std::string_view kSourcePrefix = "XSRC";  ///< source name
inline constexpr std::string_view kAuthorPrefix = "A";     ///< author name
inline constexpr std::string_view kTopicPrefix = "K";      ///< topic label
inline constexpr std::string_view kPlacePrefix = "XP";     ///< place name
inline constexpr std::string_view kLanguagePrefix = "L";   ///< ISO 639-1 code
inline constexpr std::string_view kUrlPrefix = "U";        ///< URL (exact)
inline constexpr std::string_view kDayPrefix = "D";        ///< YYYYMMDD
inline constexpr std::string_view kMonthPrefix = "M";      ///< YYYYMM
inline constexpr std::string_view kYearPrefix = "Y";       ///< YYYY
/// LSH band of the near-duplicate fingerprint: band number (hex digit) +
/// 8 hex digits. Finds an article's candidate copies at index time.
inline constexpr std::string_view kDuplicateBandPrefix = "XDB";
/// Duplicate cluster key (16 hex digits): lists the copies of a story.
inline constexpr std::string_view kClusterPrefix = "XDC";
/// The page an article was published at: 16 hex digits hashing its
/// canonical URL (indexer/src/canonical_url.h). Records of one page are one
/// story, whatever their headlines say.
inline constexpr std::string_view kPagePrefix = "XDU";

// --- Value slots -------------------------------------------------------------
/// "YYYYMMDD": what Xapian::DateRangeProcessor compares.
inline constexpr unsigned kSlotDay = 0;
/// sortable_serialise(unix seconds): sort key for "newest" (an undated
/// article has none, which sorts last in descending order).
inline constexpr unsigned kSlotTimestamp = 1;
/// Normalised source name: source facet and collapse key.
inline constexpr unsigned kSlotSource = 2;
/// "YYYYMM": month facet.
inline constexpr unsigned kSlotMonth = 3;
/// ISO 639-1 language code: language facet.
inline constexpr unsigned kSlotLanguage = 4;
/// The article's topics as given, joined by kListSeparator: topic facet.
inline constexpr unsigned kSlotTopics = 5;
/// The article's places as given, joined by kListSeparator: place facet.
inline constexpr unsigned kSlotPlaces = 6;

/// 16 hex digits hashing everything stored for the article: lets a re-run
/// skip articles that did not change.
inline constexpr unsigned kSlotContentHash = 7;

/// Near-duplicate fingerprint (MinHash signature, fixed-width binary; see
/// indexer/src/near_duplicates.h): compared with a candidate's at index time.
inline constexpr unsigned kSlotFingerprint = 8;
/// Duplicate cluster key, equal for the copies of one story: the searcher's
/// collapse key. The key's 16 hex digits (as in the kClusterPrefix term) are
/// stored as 8 bytes, big-endian (cluster_value), so that the matcher reads,
/// hashes and compares every candidate's key without allocating (it fits a
/// std::string's inline buffer) and byte order is the key's order.
inline constexpr unsigned kSlotCluster = 9;
/// Sort key for "oldest": the timestamp as in kSlotTimestamp, or
/// kUndatedOldestKey for an undated article, so that a plain ascending
/// value sort lists undated articles last. A KeyMaker could do it from
/// kSlotTimestamp alone, but remote shards take no KeyMaker (Xapian 1.4).
inline constexpr unsigned kSlotOldestFirst = 10;
/// Above every sortable_serialise() output.
inline constexpr std::string_view kUndatedOldestKey = "\xff";

/// Separates the items of a multi-valued slot (ASCII unit separator, which
/// readers never let through in field values).
inline constexpr char kListSeparator = '\x1f';

/// Joins items for a multi-valued slot, dropping empty ones and any
/// separator characters inside an item.
std::string join_list(const std::vector<std::string>& items);

/// Splits a multi-valued slot into its items, calling `visit` with each.
template <typename Visitor>
void for_each_list_item(std::string_view joined, Visitor&& visit) {
  while (!joined.empty()) {
    const std::size_t end = joined.find(kListSeparator);
    const std::string_view item = joined.substr(0, end);
    if (!item.empty()) visit(item);
    if (end == std::string_view::npos) break;
    joined.remove_prefix(end + 1);
  }
}

// --- Limits --------------------------------------------------------------------
/// Xapian's glass backend rejects terms longer than 245 bytes; boolean terms
/// whose value would exceed this are shortened and suffixed with a hash.
inline constexpr std::size_t kMaxTermBytes = 240;

/// Folds a filter value the way both sides see it: Unicode case folding,
/// surrounding white space trimmed, inner runs of white space collapsed to one
/// space. "  The  Guardian " -> "the guardian".
std::string normalize_keyword(std::string_view value);

/// `prefix` + normalize_keyword(value), kept under kMaxTermBytes (a longer
/// value is cut on a UTF-8 boundary and suffixed with a hash of the whole, so
/// distinct long values stay distinct).
std::string keyword_term(std::string_view prefix, std::string_view value);

/// `prefix` + value without normalisation (ids and URLs are case-sensitive),
/// kept under kMaxTermBytes like keyword_term.
std::string exact_term(std::string_view prefix, std::string_view value);

/// The unique term of an article id: exact_term(kIdPrefix, id).
std::string id_term(std::string_view id);

/// The kSlotCluster value of a cluster key (16 hex digits); empty for
/// anything else.
std::string cluster_value(std::string_view key);

/// The cluster key (16 hex digits) of a kSlotCluster value; empty for a
/// value that is not one.
std::string cluster_key(std::string_view value);

}  // namespace newsdex::schema
