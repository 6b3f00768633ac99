#include "json_article.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "newsdex/common/date.h"
#include "newsdex/common/error.h"

namespace newsdex::indexer {
namespace {

const char* type_name(simdjson::dom::element_type type) {
  using simdjson::dom::element_type;
  switch (type) {
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      return "a number";
    case element_type::STRING:
      return "a string";
    case element_type::BOOL:
      return "a boolean";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "unknown";
}

constexpr const char* kOutOfRange = " (as Unix seconds or milliseconds: not in the years 1-9998)";

std::string unreadable_date(const std::string& shown) {
  return "not a date: " + shown + "; indexed without a date";
}

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A scanner of just enough JSON to find the value of one top-level key,
// for text that simdjson refuses.
class KeyFinder {
 public:
  explicit KeyFinder(std::string_view json) : json_(json) {}

  // Where the value of the first top-level `key` of the object starts and
  // how long it is; nullopt when there is none or the text is no object.
  std::optional<std::pair<std::size_t, std::size_t>> find(std::string_view key) {
    skip_space();
    if (!accept('{')) return std::nullopt;
    for (;;) {
      skip_space();
      const std::size_t key_start = pos_;
      if (peek() != '"' || !skip_string()) return std::nullopt;
      const std::string_view name = json_.substr(key_start + 1, pos_ - key_start - 2);
      skip_space();
      if (!accept(':')) return std::nullopt;
      skip_space();
      const std::size_t value_start = pos_;
      if (!skip_value()) return std::nullopt;
      if (name == key) return std::make_pair(value_start, pos_ - value_start);
      skip_space();
      if (!accept(',')) return std::nullopt;
    }
  }

 private:
  char peek() const { return pos_ < json_.size() ? json_[pos_] : '\0'; }
  bool accept(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  void skip_space() {
    while (pos_ < json_.size() && is_json_space(json_[pos_])) ++pos_;
  }
  // From the opening quote to after the closing one.
  bool skip_string() {
    for (++pos_; pos_ < json_.size(); ++pos_) {
      if (json_[pos_] == '\\') {
        ++pos_;
      } else if (json_[pos_] == '"') {
        ++pos_;
        return true;
      }
    }
    return false;
  }
  bool skip_value() {
    if (peek() == '"') return skip_string();
    int depth = 0;
    while (pos_ < json_.size()) {
      const char c = json_[pos_];
      if (c == '"') {
        if (!skip_string()) return false;
        continue;
      }
      if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (depth == 0) return true;
        if (--depth == 0) {
          ++pos_;
          return true;
        }
      } else if (depth == 0 && (c == ',' || is_json_space(c))) {
        return true;
      }
      ++pos_;
    }
    return depth == 0;
  }

  std::string_view json_;
  std::size_t pos_ = 0;
};

// simdjson refuses numbers beyond 64-bit integers and doubles ("published":
// 1e400), and with them the whole record. When the number is the date, the
// record is `json` with null in its place: `number` receives the number.
std::optional<std::string> with_date_number_nulled(std::string_view json, std::string& number) {
  const auto value = KeyFinder(json).find("published");
  if (!value) return std::nullopt;
  const auto [start, length] = *value;
  const char first = json[start];
  if (first != '-' && (first < '0' || first > '9')) return std::nullopt;
  number = std::string(json.substr(start, std::min<std::size_t>(length, 60)));
  std::string nulled(json.substr(0, start));
  nulled += "null";
  nulled += json.substr(start + length);
  return nulled;
}

// Converts one parsed JSON object to an Article, naming the field at fault.
class ArticleBuilder {
 public:
  ArticleBuilder(const std::string& file, std::uint64_t line, const FieldWarning& warn)
      : file_(file), line_(line), warn_(warn) {}

  Article build(simdjson::dom::element root) {
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS) {
      fail("", std::string("expected a JSON object, got ") + type_name(root.type()));
    }
    Article article;
    for (auto [key, value] : object) {
      if (key == "id")
        article.id = string_field("id", value);
      else if (key == "source")
        article.source = string_field("source", value);
      else if (key == "url")
        article.url = string_field("url", value);
      else if (key == "title")
        article.title = string_field("title", value);
      else if (key == "body")
        article.body = string_field("body", value);
      else if (key == "language")
        article.language = string_field("language", value);
      else if (key == "authors")
        article.authors = list_field("authors", value);
      else if (key == "topics")
        article.topics = list_field("topics", value);
      else if (key == "places")
        article.places = list_field("places", value);
      else if (key == "published")
        article.published = date_field("published", value);
    }
    return article;
  }

 private:
  [[noreturn]] void fail(const std::string& field, const std::string& reason) const {
    throw InputError(file_, line_, field, reason);
  }

  std::string string_field(const char* field, simdjson::dom::element value) const {
    if (value.is_null()) return {};
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) {
      fail(field, std::string("expected a string, got ") + type_name(value.type()));
    }
    return std::string(text);
  }

  // A list of strings; a single string is accepted as a one-element list.
  std::vector<std::string> list_field(const char* field, simdjson::dom::element value) const {
    std::vector<std::string> items;
    if (value.is_null()) return items;
    if (value.is_string()) {
      items.emplace_back(value.get_string().value_unsafe());
      return items;
    }
    simdjson::dom::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS) {
      fail(field, std::string("expected an array of strings, got ") + type_name(value.type()));
    }
    for (simdjson::dom::element item : array) {
      std::string_view text;
      if (item.get_string().get(text) != simdjson::SUCCESS) {
        fail(field, std::string("expected an array of strings, found ") + type_name(item.type()));
      }
      if (!text.empty()) items.emplace_back(text);
    }
    return items;
  }

  // A date that cannot be read is not worth losing the article for: it is
  // reported and the article indexed without one.
  std::optional<Timestamp> date_field(const char* field, simdjson::dom::element value) const {
    std::string problem;
    std::optional<Timestamp> parsed = date_from_json(value, problem);
    if (!problem.empty() && warn_) warn_(field, std::move(problem));
    return parsed;
  }

  const std::string& file_;
  std::uint64_t line_;
  const FieldWarning& warn_;
};

}  // namespace

std::optional<Timestamp> date_from_json(simdjson::dom::element value, std::string& problem) {
  using simdjson::dom::element_type;
  std::optional<Timestamp> parsed;
  std::string shown;
  switch (value.type()) {
    case element_type::NULL_VALUE:
      return std::nullopt;
    case element_type::STRING: {
      const std::string_view text = value.get_string().value_unsafe();
      if (text.empty()) return std::nullopt;
      parsed = parse_date(text);
      shown = "\"" + std::string(text.substr(0, 60)) + "\"";
      break;
    }
    case element_type::INT64:
      parsed = timestamp_from_epoch(static_cast<double>(value.get_int64().value_unsafe()));
      shown = simdjson::minify(value) + kOutOfRange;
      break;
    case element_type::UINT64:
      parsed = timestamp_from_epoch(static_cast<double>(value.get_uint64().value_unsafe()));
      shown = simdjson::minify(value) + kOutOfRange;
      break;
    case element_type::DOUBLE:
      parsed = timestamp_from_epoch(value.get_double().value_unsafe());
      shown = simdjson::minify(value) + kOutOfRange;
      break;
    default:
      shown = type_name(value.type());
      break;
  }
  if (!parsed) problem = unreadable_date(shown);
  return parsed;
}

Article article_from_json(simdjson::dom::element root, const std::string& file,
                          std::uint64_t record, const FieldWarning& warn) {
  return ArticleBuilder(file, record, warn).build(root);
}

Article parse_article(simdjson::dom::parser& parser, std::string_view json, const std::string& file,
                      std::uint64_t record, const FieldWarning& warn) {
  simdjson::dom::element root;
  const simdjson::error_code error = parser.parse(json.data(), json.size()).get(root);
  if (error == simdjson::NUMBER_ERROR) {
    std::string number;
    if (const std::optional<std::string> nulled = with_date_number_nulled(json, number);
        nulled && parser.parse(*nulled).get(root) == simdjson::SUCCESS) {
      Article article = article_from_json(root, file, record, warn);
      if (warn) warn("published", unreadable_date(number + kOutOfRange));
      return article;
    }
  }
  if (error) {
    throw InputError(file, record, "",
                     std::string("invalid JSON: ") + simdjson::error_message(error));
  }
  return article_from_json(root, file, record, warn);
}

}  // namespace newsdex::indexer
