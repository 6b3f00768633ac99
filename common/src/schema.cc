#include "newsdex/common/schema.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <cstdio>

#include "fnv1a.h"

namespace newsdex::schema {
namespace {

using internal::fnv1a;

// Length of the longest prefix of `text` not over `limit` bytes that ends on a
// UTF-8 character boundary.
std::size_t utf8_cut(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text.size();
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

std::string bounded_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (prefix.size() + value.size() <= kMaxTermBytes) {
    term.append(value);
    return term;
  }
  char hash[20];
  std::snprintf(hash, sizeof hash, "#%016llx", static_cast<unsigned long long>(fnv1a(value)));
  const std::size_t room = kMaxTermBytes - prefix.size() - (sizeof hash - 3);
  term.append(value.substr(0, utf8_cut(value, room)));
  term.append(hash);
  return term;
}

}  // namespace

std::string normalize_keyword(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(value.data());
  const auto length = static_cast<std::int32_t>(value.size());
  std::int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) c = 0xFFFD;  // invalid UTF-8 becomes the replacement character
    if (u_isUWhiteSpace(c) || u_iscntrl(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    char encoded[U8_MAX_LENGTH];
    std::int32_t n = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<std::uint8_t*>(encoded), n, c);
    out.append(encoded, static_cast<std::size_t>(n));
  }
  return out;
}

std::string keyword_term(std::string_view prefix, std::string_view value) {
  return bounded_term(prefix, normalize_keyword(value));
}

std::string exact_term(std::string_view prefix, std::string_view value) {
  return bounded_term(prefix, value);
}

std::string id_term(std::string_view id) { return exact_term(kIdPrefix, id); }

std::string cluster_value(std::string_view key) {
  constexpr std::size_t kDigits = 16;
  if (key.size() != kDigits) return {};
  std::string value(kDigits / 2, '\0');
  for (std::size_t i = 0; i < kDigits; ++i) {
    const char c = key[i];
    int nibble;
    if (c >= '0' && c <= '9') {
      nibble = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      nibble = c - 'a' + 10;
    } else {
      return {};
    }
    value[i / 2] = static_cast<char>(static_cast<unsigned char>(value[i / 2]) |
                                     (nibble << (i % 2 == 0 ? 4 : 0)));
  }
  return value;
}

std::string cluster_key(std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  if (value.size() != 8) return {};
  std::string key;
  key.reserve(16);
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    key.push_back(kHex[byte >> 4]);
    key.push_back(kHex[byte & 0xf]);
  }
  return key;
}

std::string join_list(const std::vector<std::string>& items) {
  std::string joined;
  for (const auto& item : items) {
    if (item.empty()) continue;
    if (!joined.empty()) joined.push_back(kListSeparator);
    for (char c : item) {
      if (c != kListSeparator) joined.push_back(c);
    }
  }
  return joined;
}

}  // namespace newsdex::schema
