// ascii.h (internal) — ASCII case folding for the protocol words newsdex
// compares: charset, tag and header names, month names, file extensions,
// language codes. It never consults the locale (std::tolower does), and
// bytes outside A-Z, UTF-8 sequences included, pass through unchanged, so it
// is safe on text in any script. Case folding of words for search is the
// Analyzer's job, not this.
#pragma once

#include <string>
#include <string_view>

namespace newsdex::internal {

/// `c` in lower case when it is an ASCII capital, else `c`.
constexpr char ascii_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// `text` with its ASCII capitals in lower case.
inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

/// Whether `a` and `b` are equal ignoring ASCII case.
constexpr bool iequals_ascii(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

}  // namespace newsdex::internal
