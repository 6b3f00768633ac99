// text_repair.h (internal) — charset repair and HTML-to-text conversion
// shared by the readers of HTML pages and of XML feeds, which meet the same
// faults: undeclared 8-bit text, legacy charsets and HTML in text fields.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsdex::indexer {

/// Whether `bytes` is well-formed UTF-8 (lead and continuation bytes only;
/// overlong forms are left to the importer's repair).
bool valid_utf8(std::string_view bytes);

/// Decodes Windows-1252 (a superset of ISO-8859-1) to UTF-8.
std::string from_windows1252(std::string_view bytes);

/// Keeps every well-formed UTF-8 sequence of `bytes` and decodes each other
/// byte as Windows-1252: the repair for a UTF-8 text with stray 8-bit bytes,
/// which decoding all of it as Windows-1252 would turn into mojibake.
/// Returns how many bytes were decoded so (0: `bytes` is unchanged).
std::size_t repair_stray_windows1252(std::string& bytes);

/// Repairs UTF-8 that was encoded twice (read as Windows-1252 or Latin-1,
/// then written as UTF-8 again: "KÃ¶ln" for "Köln"). Each run of non-ASCII
/// characters that all map back to single bytes, and whose bytes then form
/// valid UTF-8, is replaced by what those bytes spell. Real text almost
/// never has such runs ("Ã" followed by "¶"), while correct text in any
/// script is left alone. `text` must be valid UTF-8; returns how many runs
/// were repaired.
std::size_t repair_double_encoding(std::string& text);

/// Converts `bytes` in `charset` (an IANA/ICU name such as "iso-8859-2") to
/// UTF-8 with ICU; nullopt when ICU does not know the charset.
std::optional<std::string> convert_with_icu(std::string_view bytes, const std::string& charset);

/// Collapses runs of white space to one space and trims both ends.
std::string collapse_space(std::string_view text);

/// How deep cut_deep_nesting() lets tags nest.
constexpr long kMaxHtmlNesting = 1000;

/// gumbo's time grows with the square of the nesting depth and it frees its
/// tree recursively; real pages nest a few dozen levels. Cuts `html` where
/// an estimate of the depth passes kMaxHtmlNesting and returns where, or
/// nullopt when `html` is unchanged.
std::optional<std::size_t> cut_deep_nesting(std::string& html);

/// The text of an HTML fragment (an RSS description, Atom content): tags
/// removed, entities decoded, script/style dropped, block elements (<p>,
/// <div>, <br>, <li>, headings) ending paragraphs separated by "\n\n" and
/// other white space collapsed. Plain text comes back collapsed. Nesting
/// is cut as by cut_deep_nesting(), so hostile input cannot hang it.
std::string html_to_text(std::string_view html);

}  // namespace newsdex::indexer
