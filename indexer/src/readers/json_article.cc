#include "json_article.h"

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

  // An unreadable date is not worth losing the article for: it is reported
  // and the article indexed without one.
  std::optional<Timestamp> date_field(const char* field, simdjson::dom::element value) const {
    const std::string text = string_field(field, value);
    if (text.empty()) return std::nullopt;
    auto parsed = parse_date(text);
    if (!parsed && warn_) {
      warn_(field, "not a date: \"" + text.substr(0, 60) + "\"; indexed without a date");
    }
    return parsed;
  }

  const std::string& file_;
  std::uint64_t line_;
  const FieldWarning& warn_;
};

}  // namespace

Article article_from_json(simdjson::dom::element root, const std::string& file,
                          std::uint64_t record, const FieldWarning& warn) {
  return ArticleBuilder(file, record, warn).build(root);
}

Article parse_article(simdjson::dom::parser& parser, std::string_view json, const std::string& file,
                      std::uint64_t record, const FieldWarning& warn) {
  simdjson::dom::element root;
  if (auto error = parser.parse(json.data(), json.size()).get(root)) {
    throw InputError(file, record, "",
                     std::string("invalid JSON: ") + simdjson::error_message(error));
  }
  return article_from_json(root, file, record, warn);
}

}  // namespace newsdex::indexer
