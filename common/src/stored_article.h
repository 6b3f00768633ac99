// stored_article.h (internal) — the document data newsdex keeps per article.
//
// The indexer stores the fields of an article as a compact binary record in
// Xapian's document data; the searcher decodes it to build hits and
// snippets. Not installed: the encoding is private to newsdex.
//
// The body, most of a record, comes last and is compressed on its own, so a
// hit that shows no snippet decodes the short fields and never touches it.
#pragma once

#include <string>
#include <string_view>

#include "newsdex/common/article.h"

namespace newsdex::internal {

/// How encode_stored_article writes the body.
enum class BodyEncoding {
  kCompressed,  ///< zstd, when that is smaller (what the index stores)
  kPlain,       ///< as it is: a stable form to hash, independent of zstd's version
};

/// Whether decode_stored_article decompresses the body.
enum class BodyDecoding {
  kDecode,  ///< every field
  kSkip,    ///< every field but the body, which stays empty (nothing is decompressed)
};

/// Encodes every field of `article` (keys as in the JSON Lines input).
/// Thread-safe (each thread keeps its own compression context).
std::string encode_stored_article(const Article& article,
                                  BodyEncoding body = BodyEncoding::kCompressed);

/// Decodes what encode_stored_article wrote; missing keys stay empty.
/// Thread-safe (each thread keeps its own decompression context).
/// @throws IndexError when `data` is not such a record (a corrupt or foreign
///         index, or one written by an older schema version)
Article decode_stored_article(std::string_view data, BodyDecoding body = BodyDecoding::kDecode);

}  // namespace newsdex::internal
