#include "utf8_repair.h"

#include <unicode/utf8.h>

#include <cstdint>

namespace newsdex::internal {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

bool is_ascii_run(const std::string& text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::size_t repair_utf8(std::string& text) {
  if (is_ascii_run(text)) return 0;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::string repaired;
  std::size_t replaced = 0;
  std::int32_t copied_up_to = 0;
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0) continue;
    if (replaced == 0) repaired.reserve(text.size() + 16);
    repaired.append(text, static_cast<std::size_t>(copied_up_to),
                    static_cast<std::size_t>(start - copied_up_to));
    repaired.append(kReplacement);
    copied_up_to = i;
    ++replaced;
  }
  if (replaced == 0) return 0;
  repaired.append(text, static_cast<std::size_t>(copied_up_to), std::string::npos);
  text = std::move(repaired);
  return replaced;
}

std::size_t strip_control_characters(std::string& text) {
  std::size_t removed = 0;
  std::size_t out = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool c0 = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    const bool del = c == 0x7F;
    // C1 controls U+0080..U+009F are encoded as C2 80..C2 9F.
    const bool c1 = c == 0xC2 && i + 1 < text.size() &&
                    static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(text[i + 1]) <= 0x9F;
    if (c0 || del) {
      ++removed;
      continue;
    }
    if (c1) {
      ++removed;
      ++i;
      continue;
    }
    text[out++] = text[i];
  }
  text.resize(out);
  return removed;
}

bool truncate_utf8(std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return false;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return true;
}

}  // namespace newsdex::internal
