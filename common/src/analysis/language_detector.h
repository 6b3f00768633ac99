// language_detector.h (internal) — guesses an article's language from the
// script of its letters, for articles that do not say.
#pragma once

#include <string>
#include <string_view>

namespace newsdex::analysis {

/// ISO 639-1 code implied by the script most letters of `text` are in:
/// Han -> "zh" (unless kana are present -> "ja"), Hangul -> "ko", Cyrillic
/// -> "ru", Greek -> "el", Arabic -> "ar", Hebrew -> "he", Thai -> "th",
/// Devanagari -> "hi". Latin and anything else -> "" (unknown: the caller's
/// default applies). Reads at most the first few thousand characters.
std::string detect_language_by_script(std::string_view text);

}  // namespace newsdex::analysis
