#include "article_sanitizer.h"

#include <cstdio>

#include "fnv1a.h"
#include "newsdex/common/error.h"
#include "stored_article.h"
#include "utf8_repair.h"

namespace newsdex::indexer {
namespace {

using Warn = std::function<void(std::string field, std::string message)>;

using internal::fnv1a;

std::string hex(std::uint64_t value) {
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

void trim(std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    text.clear();
    return;
  }
  text.erase(text.find_last_not_of(" \t\r\n") + 1);
  text.erase(0, first);
}

void clean(std::string& text, const char* field, bool single_line, const SanitizeOptions& options,
           const Warn& warn) {
  if (const std::size_t replaced = internal::repair_utf8(text); replaced > 0) {
    warn(field, "invalid UTF-8 replaced by U+FFFD (" + std::to_string(replaced) + ")");
  }
  if (const std::size_t removed = internal::strip_control_characters(text); removed > 0) {
    warn(field,
         "removed " + std::to_string(removed) + " control character" + (removed == 1 ? "" : "s"));
  }
  if (single_line) {
    for (char& c : text) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    trim(text);
  }
  const std::size_t size = text.size();
  if (internal::truncate_utf8(text, options.max_field_bytes)) {
    warn(field, "cut from " + std::to_string(size) + " to " + std::to_string(text.size()) +
                    " bytes (limit " + std::to_string(options.max_field_bytes) + ")");
  }
}

void clean_list(std::vector<std::string>& items, const char* field, const SanitizeOptions& options,
                const Warn& warn) {
  std::vector<std::string> kept;
  for (std::string& item : items) {
    clean(item, field, true, options, warn);
    if (!item.empty()) kept.push_back(std::move(item));
  }
  items = std::move(kept);
}

}  // namespace

void sanitize_article(Article& article, const SanitizeOptions& options, const std::string& file,
                      std::uint64_t record, const Warn& warn) {
  clean(article.id, "id", true, options, warn);
  clean(article.source, "source", true, options, warn);
  clean(article.url, "url", true, options, warn);
  clean(article.title, "title", true, options, warn);
  clean(article.body, "body", false, options, warn);
  clean(article.language, "language", true, options, warn);
  clean_list(article.authors, "authors", options, warn);
  clean_list(article.topics, "topics", options, warn);
  clean_list(article.places, "places", options, warn);
  if (article.title.empty() && article.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw InputError(file, record, "title", "the article has neither a title nor a body");
  }
  if (article.id.empty()) {
    if (!article.url.empty()) {
      article.id = article.url;
      warn("id", "missing; the url is used as id");
    } else {
      article.id =
          "h" + hex(fnv1a(article.source + '\x1f' + article.title + '\x1f' + article.body));
      warn("id", "missing; derived from the content: " + article.id);
    }
  }
}

std::string content_hash(const Article& article) {
  return hex(fnv1a(internal::encode_stored_article(article, internal::BodyEncoding::kPlain)));
}

}  // namespace newsdex::indexer
