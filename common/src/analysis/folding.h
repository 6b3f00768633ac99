// folding.h (internal) — diacritic folding, so "Muller" finds "Müller".
#pragma once

#include <string>
#include <string_view>

namespace newsdex::analysis {

/// Writes `term` without diacritics to `out` ("müller" -> "muller",
/// "łódź" -> "lodz", "æther" -> "aether") and returns true, or returns false
/// when folding changes nothing (always for ASCII). Kana and other scripts
/// whose marks carry meaning are left alone. `term` is NFKC case-folded.
bool fold_diacritics(std::string_view term, std::string& out);

/// Writes `term` with German umlauts spelt out ("müller" -> "mueller",
/// "öl" -> "oel"; other diacritics then folded) to `out` and returns true, or
/// returns false when `term` has no ä, ö or ü. German writes "Mueller" where
/// umlauts are unavailable (URLs, wires, passports), so both spellings must
/// meet. `term` is NFKC case-folded.
bool transliterate_umlauts(std::string_view term, std::string& out);

}  // namespace newsdex::analysis
