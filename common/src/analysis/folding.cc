#include "folding.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>

namespace newsdex::analysis {
namespace {

// Latin letters that are not a base letter plus a combining mark, so NFD
// cannot strip them; their usual ASCII spelling (lower case: the input is
// case-folded).
struct Replacement {
  UChar32 letter;
  const char* ascii;
};
constexpr Replacement kReplacements[] = {
    {0x00F8, "o"}, {0x0142, "l"},  {0x00E6, "ae"}, {0x0153, "oe"}, {0x0111, "d"},
    {0x00F0, "d"}, {0x00FE, "th"}, {0x0131, "i"},  {0x0127, "h"},  {0x0167, "t"},
};

bool keeps_its_marks(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  return script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA || script == USCRIPT_HAN ||
         script == USCRIPT_HANGUL || script == USCRIPT_THAI || script == USCRIPT_DEVANAGARI ||
         script == USCRIPT_ARABIC || script == USCRIPT_HEBREW;
}

struct Normalizers {
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
};

// ICU creates these singletons on first use, synchronised by atomics inside
// ICU that ThreadSanitizer cannot see (ICU is not instrumented): fetched
// once under a C++ static's guard, their creation visibly happens before
// every use, from whichever writer thread. Null when ICU lacks the data.
const Normalizers& normalizers() {
  static const Normalizers fetched = [] {
    UErrorCode status = U_ZERO_ERROR;
    Normalizers n{icu::Normalizer2::getNFDInstance(status),
                  icu::Normalizer2::getNFCInstance(status)};
    return U_SUCCESS(status) ? n : Normalizers{};
  }();
  return fetched;
}

}  // namespace

bool fold_diacritics(std::string_view term, std::string& out) {
  if (std::all_of(term.begin(), term.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return false;
  }
  const icu::Normalizer2* nfd = normalizers().nfd;
  const icu::Normalizer2* nfc = normalizers().nfc;
  if (nfd == nullptr || nfc == nullptr) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(term.data(), static_cast<int32_t>(term.size())));
  const icu::UnicodeString decomposed = nfd->normalize(source, status);
  if (U_FAILURE(status)) return false;
  icu::UnicodeString stripped;
  bool changed = false;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (keeps_its_marks(c)) return false;
    if (u_charType(c) == U_NON_SPACING_MARK) {
      changed = true;
      continue;
    }
    const auto replacement = std::find_if(std::begin(kReplacements), std::end(kReplacements),
                                          [c](const Replacement& r) { return r.letter == c; });
    if (replacement != std::end(kReplacements)) {
      stripped.append(icu::UnicodeString(replacement->ascii));
      changed = true;
    } else {
      stripped.append(c);
    }
  }
  if (!changed) return false;
  out.clear();
  nfc->normalize(stripped, status).toUTF8String(out);
  return U_SUCCESS(status) && !out.empty();
}

bool transliterate_umlauts(std::string_view term, std::string& out) {
  std::string spelt;
  bool changed = false;
  for (std::size_t i = 0; i < term.size(); ++i) {
    // ä, ö, ü are C3 A4, C3 B6, C3 BC in UTF-8 (NFC, lower case).
    if (term[i] == '\xC3' && i + 1 < term.size()) {
      const char next = term[i + 1];
      const char* replacement = next == '\xA4'   ? "ae"
                                : next == '\xB6' ? "oe"
                                : next == '\xBC' ? "ue"
                                                 : nullptr;
      if (replacement != nullptr) {
        spelt += replacement;
        ++i;
        changed = true;
        continue;
      }
    }
    spelt.push_back(term[i]);
  }
  if (!changed) return false;
  if (!fold_diacritics(spelt, out)) out = std::move(spelt);
  return true;
}

}  // namespace newsdex::analysis
