// stored_article.h (internal) — the document data newsdex keeps per article.
//
// The indexer stores the fields of an article as a compact binary record in
// Xapian's document data; the searcher decodes it to build hits and
// snippets. Not installed: the encoding is private to newsdex.
#pragma once

#include <string>
#include <string_view>

#include "newsdex/common/article.h"

namespace newsdex::internal {

/// Encodes every field of `article` (keys as in the JSON Lines input).
std::string encode_stored_article(const Article& article);

/// Decodes what encode_stored_article wrote; missing keys stay empty.
/// @throws IndexError when `data` is not such a record (a corrupt or foreign index)
Article decode_stored_article(std::string_view data);

}  // namespace newsdex::internal
