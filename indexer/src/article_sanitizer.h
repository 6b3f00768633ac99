// article_sanitizer.h (internal) — checks and repairs an article from any
// reader before it is indexed, so every format gets the same treatment.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "newsdex/common/article.h"
#include "newsdex/indexer/article_reader.h"

namespace newsdex::indexer {

/// Limits applied to every article.
struct SanitizeOptions {
  /// Longest body (and title, source, url, each author/topic/place) kept,
  /// in bytes; longer fields are cut on a character boundary with a warning.
  std::size_t max_field_bytes = 1 << 20;
};

/// Repairs `article` in place: invalid UTF-8 becomes U+FFFD, NUL and other
/// control characters are removed, white space around single-line fields is
/// trimmed, overlong fields are cut, a missing id is derived from the url
/// (or, without one, from a hash of the content). Each repair is reported
/// through `warn(field, message)`.
/// @throws InputError (with `file` and `record`) when the article has
///         neither a title nor a body
void sanitize_article(Article& article, const SanitizeOptions& options, const std::string& file,
                      std::uint64_t record,
                      const std::function<void(std::string field, std::string message)>& warn);

/// A 64-bit hash of everything stored for `article`, as 16 hex digits: two
/// articles with the same hash index the same.
std::string content_hash(const Article& article);

}  // namespace newsdex::indexer
