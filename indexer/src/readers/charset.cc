#include "charset.h"

#include <algorithm>
#include <optional>

#include "text_repair.h"

namespace newsdex::indexer {
namespace {

// A UTF-16 label on bytes that are read here as 8-bit text is wrong (real
// UTF-16 is converted before, from its byte order mark), so it counts as
// UTF-8, as browsers do for <meta charset="utf-16">.
bool is_utf8_name(std::string_view charset) {
  return charset.empty() || charset == "utf-8" || charset == "utf8" || charset == "us-ascii" ||
         charset == "ascii" || charset.substr(0, 6) == "utf-16";
}

bool has_non_ascii(std::string_view bytes) {
  return std::any_of(bytes.begin(), bytes.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

}  // namespace

void decode_to_utf8(std::string& bytes, std::string_view declared,
                    const std::function<void(std::string message)>& warn) {
  const std::string charset(declared);
  if (!is_utf8_name(charset) && valid_utf8(bytes) && has_non_ascii(bytes)) {
    // Legacy 8-bit text almost never forms valid multi-byte UTF-8, so such
    // a document is UTF-8 under a wrong label; converting it would garble it.
    warn("declared encoding " + charset + " but the bytes are UTF-8; read as UTF-8");
  } else if (!is_utf8_name(charset)) {
    // ISO-8859-1 labels in the wild mean Windows-1252, its superset (the
    // WHATWG encoding standard maps them so too).
    const std::string icu_name =
        charset == "iso-8859-1" || charset == "latin1" || charset == "iso_8859-1" ? "windows-1252"
                                                                                  : charset;
    if (std::optional<std::string> converted = convert_with_icu(bytes, icu_name)) {
      bytes = std::move(*converted);
    } else {
      warn("unknown encoding " + charset + "; decoded as Windows-1252");
      bytes = from_windows1252(bytes);
    }
  } else if (const std::size_t repaired = repair_stray_windows1252(bytes); repaired > 0) {
    warn(std::to_string(repaired) + (repaired == 1 ? " byte" : " bytes") +
         " not valid UTF-8; decoded as Windows-1252");
  }

  if (const std::size_t repaired = repair_double_encoding(bytes); repaired > 0) {
    warn(std::to_string(repaired) + " double-encoded UTF-8 " +
         (repaired == 1 ? "sequence" : "sequences") + " repaired");
  }
}

}  // namespace newsdex::indexer
