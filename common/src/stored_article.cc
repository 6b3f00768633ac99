#include "stored_article.h"

#include <nlohmann/json.hpp>

#include "newsdex/common/date.h"
#include "newsdex/common/error.h"

namespace newsdex::internal {
namespace {

void put_list(nlohmann::json& object, const char* key, const std::vector<std::string>& items) {
  if (!items.empty()) object[key] = items;
}

void put_string(nlohmann::json& object, const char* key, const std::string& text) {
  if (!text.empty()) object[key] = text;
}

}  // namespace

std::string encode_stored_article(const Article& article) {
  nlohmann::json object = nlohmann::json::object();
  object["id"] = article.id;
  put_string(object, "source", article.source);
  put_string(object, "url", article.url);
  put_string(object, "title", article.title);
  put_string(object, "body", article.body);
  if (article.published) object["published"] = format_iso8601(*article.published);
  put_list(object, "authors", article.authors);
  put_list(object, "topics", article.topics);
  put_list(object, "places", article.places);
  put_string(object, "language", article.language);
  // Replacing invalid UTF-8 keeps one bad byte from making a record unreadable.
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Article decode_stored_article(std::string_view data) {
  Article article;
  try {
    const nlohmann::json object = nlohmann::json::parse(data);
    article.id = object.value("id", "");
    article.source = object.value("source", "");
    article.url = object.value("url", "");
    article.title = object.value("title", "");
    article.body = object.value("body", "");
    article.language = object.value("language", "");
    article.authors = object.value("authors", std::vector<std::string>{});
    article.topics = object.value("topics", std::vector<std::string>{});
    article.places = object.value("places", std::vector<std::string>{});
    if (auto found = object.find("published"); found != object.end()) {
      article.published = parse_iso8601(found->get<std::string>());
    }
  } catch (const nlohmann::json::exception& e) {
    throw IndexError(std::string("unreadable document data (not a newsdex index?): ") + e.what());
  }
  return article;
}

}  // namespace newsdex::internal
