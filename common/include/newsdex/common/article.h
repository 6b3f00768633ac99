// newsdex/common/article.h — the article, newsdex's unit of indexing and retrieval.
//
// A plain value type: readers produce it, the indexer maps it to a Xapian
// document (see newsdex/common/schema.h and docs/schema.md), the searcher gives
// parts of it back in hits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace newsdex {

/// A publication instant in UTC. Date-only inputs ("2024-03-01") are kept as
/// midnight UTC with `date_only` set, so they print back as dates.
struct Timestamp {
  std::int64_t unix_seconds = 0;  ///< seconds since 1970-01-01T00:00:00Z
  bool date_only = false;         ///< true when the source gave no time of day

  friend bool operator==(const Timestamp& a, const Timestamp& b) {
    return a.unix_seconds == b.unix_seconds && a.date_only == b.date_only;
  }
};

/// One news article. Only `id` is required; every other field may be empty.
struct Article {
  std::string id;                      ///< unique key; re-indexing an id replaces it
  std::string source;                  ///< outlet name as shown to users, e.g. "BBC"
  std::string url;                     ///< canonical URL
  std::string title;                   ///< headline
  std::string body;                    ///< plain-text body; paragraphs separated by "\n\n"
  std::optional<Timestamp> published;  ///< publication time (UTC)
  std::vector<std::string> authors;    ///< bylines, one name each
  std::vector<std::string> topics;     ///< subject labels, e.g. "trade"
  std::vector<std::string> places;     ///< places the story is about, e.g. "china"
  std::string language;                ///< ISO 639-1 code such as "en"; empty = unknown

  friend bool operator==(const Article& a, const Article& b) {
    return a.id == b.id && a.source == b.source && a.url == b.url && a.title == b.title &&
           a.body == b.body && a.published == b.published && a.authors == b.authors &&
           a.topics == b.topics && a.places == b.places && a.language == b.language;
  }
};

}  // namespace newsdex
