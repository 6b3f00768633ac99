#include "language_detector.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace newsdex::analysis {
namespace {

constexpr std::int32_t kMaxCharacters = 4000;

struct ScriptLanguage {
  UScriptCode script;
  const char* language;
};

constexpr ScriptLanguage kScripts[] = {
    {USCRIPT_LATIN, ""},      {USCRIPT_HAN, "zh"},        {USCRIPT_HIRAGANA, "ja"},
    {USCRIPT_KATAKANA, "ja"}, {USCRIPT_HANGUL, "ko"},     {USCRIPT_CYRILLIC, "ru"},
    {USCRIPT_GREEK, "el"},    {USCRIPT_ARABIC, "ar"},     {USCRIPT_HEBREW, "he"},
    {USCRIPT_THAI, "th"},     {USCRIPT_DEVANAGARI, "hi"},
};

}  // namespace

std::string detect_language_by_script(std::string_view text) {
  std::array<std::int32_t, std::size(kScripts)> counts{};
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(std::min<std::size_t>(text.size(), 1 << 20));
  std::int32_t seen = 0;
  for (std::int32_t i = 0; i < length && seen < kMaxCharacters;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || !u_isalpha(c)) continue;
    ++seen;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    for (std::size_t k = 0; k < std::size(kScripts); ++k) {
      if (kScripts[k].script == script) ++counts[k];
    }
  }
  if (seen == 0) return {};
  // Japanese mixes kanji with kana; any real share of kana means Japanese.
  const std::int32_t kana = counts[2] + counts[3];
  if (kana * 10 >= seen) return "ja";
  const auto best = std::max_element(counts.begin(), counts.end());
  if (*best * 2 < seen) return {};  // no clear majority
  return kScripts[static_cast<std::size_t>(best - counts.begin())].language;
}

}  // namespace newsdex::analysis
