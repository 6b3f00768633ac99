#include "json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace newsdex::searcher::internal {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Bytes that go into a JSON string as they are: printable ASCII but for the
// quote and the backslash (bytes from 0x80 are checked as UTF-8 apart).
constexpr bool is_plain(unsigned char byte) {
  return byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\';
}

// The length of the well-formed UTF-8 sequence at the start of `text`
// (which starts with a byte of 0x80 or more), or the negated length of its
// maximal invalid prefix when it is not one (-1 when the first byte cannot
// start a sequence; the byte that broke it starts the next sequence).
// Table 3-7 of the Unicode standard, as the decoder nlohmann uses applies it.
int utf8_sequence(std::string_view text) {
  const auto lead = static_cast<unsigned char>(text[0]);
  int length;
  unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // beyond U+10FFFF
  } else {
    return -1;
  }
  for (int i = 1; i < length; ++i) {
    if (static_cast<std::size_t>(i) >= text.size()) return -i;
    const auto byte = static_cast<unsigned char>(text[static_cast<std::size_t>(i)]);
    if (byte < low || byte > high) return -i;
    low = 0x80;
    high = 0xBF;
  }
  return length;
}

}  // namespace

void append_json_escaped(std::string& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t plain = i;
    while (plain < text.size() && is_plain(static_cast<unsigned char>(text[plain]))) ++plain;
    out.append(text.data() + i, plain - i);
    i = plain;
    if (i == text.size()) break;
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      const int length = utf8_sequence(text.substr(i));
      if (length > 0) {
        out.append(text.data() + i, static_cast<std::size_t>(length));
        i += static_cast<std::size_t>(length);
      } else {
        out.append(kReplacement);
        i += static_cast<std::size_t>(-length);
      }
      continue;
    }
    ++i;
    switch (byte) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\t':
        out.append("\\t");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\f':
        out.append("\\f");
        break;
      case '\r':
        out.append("\\r");
        break;
      default: {
        constexpr char kHex[] = "0123456789abcdef";
        const char escape[] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 0xf]};
        out.append(escape, sizeof escape);
      }
    }
  }
}

void append_json_number(std::string& out, double number) {
  if (!std::isfinite(number)) {
    out.append("null");
    return;
  }
  if (std::signbit(number)) {
    out.push_back('-');
    number = -number;
  }
  if (number == 0) {
    out.append("0.0");
    return;
  }
  // The shortest digits that read back as `number`, as d.ddde±x ...
  char scientific[32];
  const auto printed = std::to_chars(scientific, scientific + sizeof scientific, number,
                                     std::chars_format::scientific);
  const char* e = std::find(scientific, printed.ptr, 'e');
  char digits[24];
  int k = 0;
  for (const char* c = scientific; c != e; ++c) {
    if (*c != '.') digits[k++] = *c;
  }
  int exponent = 0;
  std::from_chars(e + (e[1] == '+' ? 2 : 1), printed.ptr, exponent);
  // ... laid out as nlohmann does: the value is 0.digits × 10^n; plain
  // decimals for n in (-4, 15], else d.ddde±xx.
  const int n = exponent + 1;
  const std::string_view all(digits, static_cast<std::size_t>(k));
  if (k <= n && n <= 15) {
    out.append(all);
    out.append(static_cast<std::size_t>(n - k), '0');
    out.append(".0");
  } else if (0 < n && n <= 15) {
    out.append(all.substr(0, static_cast<std::size_t>(n)));
    out.push_back('.');
    out.append(all.substr(static_cast<std::size_t>(n)));
  } else if (-4 < n && n <= 0) {
    out.append("0.");
    out.append(static_cast<std::size_t>(-n), '0');
    out.append(all);
  } else {
    out.push_back(all[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(all.substr(1));
    }
    const int power = n - 1;
    out.push_back('e');
    out.push_back(power < 0 ? '-' : '+');
    const std::string magnitude = std::to_string(power < 0 ? -power : power);
    if (magnitude.size() < 2) out.push_back('0');
    out.append(magnitude);
  }
}

void JsonWriter::key(std::string_view name) {
  separate();
  out_.push_back('"');
  append_json_escaped(out_, name);
  out_.append(indent_ < 0 ? "\":" : "\": ");
  after_key_ = true;
}

void JsonWriter::value(std::string_view text) {
  separate();
  out_.push_back('"');
  append_json_escaped(out_, text);
  out_.push_back('"');
}

void JsonWriter::value(std::uint64_t number) {
  separate();
  char digits[24];
  const auto printed = std::to_chars(digits, digits + sizeof digits, number);
  out_.append(digits, printed.ptr);
}

void JsonWriter::value(double number) {
  separate();
  append_json_number(out_, number);
}

void JsonWriter::value(bool truth) {
  separate();
  out_.append(truth ? "true" : "false");
}

void JsonWriter::null() {
  separate();
  out_.append("null");
}

void JsonWriter::value(const std::vector<std::string>& texts) {
  begin_array();
  for (const std::string& text : texts) value(std::string_view(text));
  end_array();
}

void JsonWriter::open(char bracket) {
  separate();
  out_.push_back(bracket);
  has_items_.push_back(false);
}

void JsonWriter::close(char bracket) {
  const bool had_items = has_items_.back();
  has_items_.pop_back();
  if (had_items) newline();
  out_.push_back(bracket);
}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_items_.empty()) return;
  if (has_items_.back()) out_.push_back(',');
  has_items_.back() = true;
  newline();
}

void JsonWriter::newline() {
  if (indent_ < 0) return;
  out_.push_back('\n');
  out_.append(has_items_.size() * static_cast<std::size_t>(indent_), ' ');
}

}  // namespace newsdex::searcher::internal
