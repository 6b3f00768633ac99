// charset.h (internal) — makes the bytes of an HTML page or an XML document
// UTF-8, whatever charset they declare or really use. Both meet the same
// faults (legacy charsets, undeclared 8-bit text, stray Windows-1252 bytes in
// UTF-8, UTF-8 encoded twice), so both go through this one function and get
// the same repairs and the same warnings.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace newsdex::indexer {

/// Decodes `bytes` (without a byte order mark) in place to UTF-8.
/// `declared` is the charset the document names, lower case, empty if none.
///   - A declared legacy charset (ISO-8859-x, Windows-125x, KOI8-R, ...) is
///     converted with ICU; ISO-8859-1 / Latin-1 labels are read as
///     Windows-1252, their superset, as browsers do. A charset ICU does not
///     know: Windows-1252, with a warning. Bytes that are valid UTF-8 with
///     non-ASCII characters are UTF-8 under a wrong label: kept, with a
///     warning (legacy 8-bit text almost never forms valid UTF-8).
///   - Declared UTF-8, US-ASCII, nothing, or UTF-16 (a wrong label on
///     8-bit bytes): each byte that is not part of a well-formed UTF-8
///     sequence is decoded as Windows-1252 and the UTF-8 around it kept,
///     with a warning.
///   - Then UTF-8 that was encoded twice ("KÃ¶ln") is undone, with a
///     warning (see repair_double_encoding()).
/// Each warning is one call of `warn(message)`.
void decode_to_utf8(std::string& bytes, std::string_view declared,
                    const std::function<void(std::string message)>& warn);

}  // namespace newsdex::indexer
