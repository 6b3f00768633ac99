#include "text_repair.h"

#include <gumbo.h>
#include <unicode/ucnv.h>

#include <cctype>
#include <cstdint>
#include <memory>

#include "ascii.h"

namespace newsdex::indexer {
namespace {

// Deeper than this, the walk below stops: no real fragment nests so deep,
// and recursion must not exhaust the stack on hostile input.
constexpr int kMaxDepth = 256;

// Length of the well-formed UTF-8 sequence at `i`, 0 when there is none.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t n = c < 0x80         ? 0
                        : (c >> 5) == 6  ? 1
                        : (c >> 4) == 14 ? 2
                        : (c >> 3) == 30 ? 3
                                         : 9;
  if (n == 9) return 0;
  for (std::size_t k = 1; k <= n; ++k) {
    if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  return n + 1;
}

void append_utf8(unsigned cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

constexpr char16_t kWindows1252High[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

unsigned windows1252_code_point(unsigned char c) {
  return c >= 0x80 && c < 0xA0 ? kWindows1252High[c - 0x80] : c;
}

// The byte a Windows-1252 (or, for its five holes, Latin-1) decoder turns
// into `cp`; -1 when none does.
int windows1252_byte(unsigned cp) {
  if (cp >= 0x80 && cp <= 0xFF) return static_cast<int>(cp);
  for (int i = 0; i < 32; ++i) {
    if (kWindows1252High[i] == cp && cp != 0xFFFD) return 0x80 + i;
  }
  return -1;
}

// Decodes the well-formed UTF-8 sequence of `n` bytes at `s[i]`.
unsigned decode_utf8(std::string_view s, std::size_t i, std::size_t n) {
  const auto lead = static_cast<unsigned char>(s[i]);
  unsigned cp = n == 1 ? lead : n == 2 ? lead & 0x1Fu : n == 3 ? lead & 0x0Fu : lead & 0x07u;
  for (std::size_t k = 1; k < n; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  return cp;
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
      return true;
    default:
      return false;
  }
}

// Appends the text under `node`; a '\n' marks a paragraph end.
void block_text(const GumboNode* node, std::string& out, int depth) {
  if (depth > kMaxDepth) return;
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
      node->type == GUMBO_NODE_CDATA) {
    // Source line breaks are white space; '\n' in `out` ends a paragraph.
    for (const char* c = node->v.text.text; *c != '\0'; ++c) out += *c == '\n' ? ' ' : *c;
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
  const GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT) return;
  const bool block = is_block(tag);
  if (block) out += '\n';
  const GumboVector& kids = node->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    block_text(static_cast<const GumboNode*>(kids.data[i]), out, depth + 1);
  }
  if (block) out += '\n';
}

// Elements without a closing tag, which do not nest.
bool is_void_tag(const std::string& text, std::size_t at) {
  static constexpr std::string_view kVoid[] = {"br",  "img",    "meta",  "link", "input",
                                               "hr",  "area",   "base",  "col",  "embed",
                                               "wbr", "source", "track", "param"};
  std::size_t end = at;
  while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
  const std::string name = internal::ascii_lower(std::string_view(text).substr(at, end - at));
  for (std::string_view tag : kVoid) {
    if (name == tag) return true;
  }
  return end > at && text[end - 1] == '/';
}

}  // namespace

std::optional<std::size_t> cut_deep_nesting(std::string& html) {
  long nesting = 0;
  for (std::size_t i = 0; i + 1 < html.size(); ++i) {
    if (html[i] != '<') continue;
    const char next = html[i + 1];
    if (next == '/') {
      nesting = nesting > 0 ? nesting - 1 : 0;
    } else if (std::isalpha(static_cast<unsigned char>(next)) && !is_void_tag(html, i + 1) &&
               ++nesting > kMaxHtmlNesting) {
      html.resize(i);
      return i;
    }
  }
  return std::nullopt;
}

bool valid_utf8(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence(bytes, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string from_windows1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (char c : bytes) append_utf8(windows1252_code_point(static_cast<unsigned char>(c)), out);
  return out;
}

std::size_t repair_stray_windows1252(std::string& bytes) {
  if (valid_utf8(bytes)) return 0;
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  std::size_t repaired = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    const std::size_t n = c < 0x80 ? 1 : utf8_sequence(bytes, i);
    if (n == 0) {
      append_utf8(windows1252_code_point(c), out);
      ++repaired;
      ++i;
    } else {
      out.append(bytes, i, n);
      i += n;
    }
  }
  bytes = std::move(out);
  return repaired;
}

std::size_t repair_double_encoding(std::string& text) {
  std::string out;
  std::size_t repaired = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      out += text[i++];
      continue;
    }
    // A run of non-ASCII characters: ASCII bytes never belong to a
    // multi-byte sequence, so runs can be repaired one by one.
    const std::size_t start = i;
    std::string bytes;
    bool mappable = true;
    while (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x80) {
      const std::size_t n = utf8_sequence(text, i);
      if (n == 0) return 0;  // not UTF-8: nothing to undo
      const int byte = windows1252_byte(decode_utf8(text, i, n));
      if (byte < 0) mappable = false;
      bytes += static_cast<char>(byte);
      i += n;
    }
    if (mappable && valid_utf8(bytes)) {
      out += bytes;
      ++repaired;
    } else {
      out.append(text, start, i - start);
    }
  }
  if (repaired > 0) text = std::move(out);
  return repaired;
}

std::optional<std::string> convert_with_icu(std::string_view bytes, const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  const auto size = static_cast<std::int32_t>(bytes.size());
  // Each input byte becomes at most 3 UTF-8 bytes (a BMP character).
  std::string out(bytes.size() * 3 + 4, '\0');
  const std::int32_t written =
      ucnv_convert("UTF-8", charset.c_str(), out.data(), static_cast<std::int32_t>(out.size()),
                   bytes.data(), size, &status);
  if (U_FAILURE(status)) return std::nullopt;
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::string collapse_space(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

std::string html_to_text(std::string_view html) {
  if (html.find_first_of("<&") == std::string_view::npos) return collapse_space(html);
  std::string bounded(html);
  cut_deep_nesting(bounded);
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
      gumbo_parse_with_options(&kGumboDefaultOptions, bounded.data(), bounded.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  std::string raw;
  block_text(output->root, raw, 0);
  std::string out;
  std::size_t start = 0;
  while (start < raw.size()) {
    std::size_t end = raw.find('\n', start);
    if (end == std::string::npos) end = raw.size();
    std::string paragraph = collapse_space(std::string_view(raw).substr(start, end - start));
    if (!paragraph.empty()) {
      if (!out.empty()) out += "\n\n";
      out += paragraph;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace newsdex::indexer
