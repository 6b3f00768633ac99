#include "delimited_reader.h"

#include <algorithm>
#include <utility>

#include "ascii.h"
#include "newsdex/common/date.h"
#include "newsdex/common/error.h"
#include "utf8_repair.h"

namespace newsdex::indexer {
namespace {

// Column names other tools and datasets use for the article fields.
struct Alias {
  std::string_view column;
  std::string_view field;
};
constexpr Alias kAliases[] = {
    {"headline", "title"},
    {"heading", "title"},
    {"text", "body"},
    {"content", "body"},
    {"article", "body"},
    {"description", "body"},
    {"summary", "body"},
    {"date", "published"},
    {"pubdate", "published"},
    {"pub_date", "published"},
    {"published_at", "published"},
    {"publish_date", "published"},
    {"publication_date", "published"},
    {"datetime", "published"},
    {"timestamp", "published"},
    {"author", "authors"},
    {"byline", "authors"},
    {"topic", "topics"},
    {"tags", "topics"},
    {"tag", "topics"},
    {"categories", "topics"},
    {"category", "topics"},
    {"place", "places"},
    {"location", "places"},
    {"locations", "places"},
    {"lang", "language"},
    {"link", "url"},
    {"publisher", "source"},
    {"outlet", "source"},
    {"site", "source"},
    {"guid", "id"},
    {"uuid", "id"},
};

// "Published At" -> "published_at": how header names are compared.
std::string normalized(std::string_view name) {
  const auto first = name.find_first_not_of(" \t");
  const auto last = name.find_last_not_of(" \t");
  if (first == std::string_view::npos) return {};
  std::string out;
  for (char c : name.substr(first, last - first + 1)) {
    out.push_back(c == ' ' || c == '-' ? '_' : internal::ascii_lower(c));
  }
  return out;
}

int field_index(std::string_view field) {
  const auto& fields = DelimitedReader::kFields;
  const auto found = std::find(fields.begin(), fields.end(), field);
  return found == fields.end() ? -1 : static_cast<int>(found - fields.begin());
}

// "trade; energy |" -> {"trade", "energy"}.
std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  for (;;) {
    const std::size_t end = text.find_first_of(";|");
    const std::string_view item = text.substr(0, end);
    const auto first = item.find_first_not_of(" \t");
    if (first != std::string_view::npos) {
      items.emplace_back(item.substr(first, item.find_last_not_of(" \t") - first + 1));
    }
    if (end == std::string_view::npos) return items;
    text.remove_prefix(end + 1);
  }
}

}  // namespace

DelimitedReader::DelimitedReader(std::istream& in, std::string name, char separator,
                                 const ReaderOptions& options)
    : ArticleReader(std::move(name)), in_(in), separator_(separator) {
  for (const auto& [field, column] : options.column_map) {
    if (field_index(field) < 0) {
      throw ConfigError("--map " + field + "=" + column +
                        ": unknown article field (use id, title, body, source, url, published, "
                        "authors, topics, places or language)");
    }
    column_map_.emplace_back(field, normalized(column));
  }
}

int DelimitedReader::get() {
  const int c = in_.rdbuf()->sbumpc();
  if (c == std::char_traits<char>::eof()) return c;
  ++bytes_;
  if (c == '\n') ++line_;
  return c;
}

bool DelimitedReader::read_row() {
  constexpr int kEof = std::char_traits<char>::eof();
  fields_.clear();
  record_ = line_;
  std::string field;
  int c = get();
  if (c == kEof) return false;
  for (;;) {
    if (c == '"' && separator_ == ',' && field.empty()) {
      // A quoted field: up to the closing quote; "" is a quote.
      for (;;) {
        c = get();
        if (c == kEof) {
          throw InputError(name(), record_, "",
                           "unclosed quote: the quoted field starting on this line never ends");
        }
        if (c == '"') {
          c = get();
          if (c != '"') break;
        }
        field.push_back(static_cast<char>(c));
      }
      continue;  // `c` is what follows the closing quote
    }
    if (c == kEof || c == '\n' || c == '\r') {
      if (c == '\r' && in_.rdbuf()->sgetc() == '\n') get();
      fields_.push_back(std::move(field));
      return true;
    }
    if (c == separator_) {
      fields_.push_back(std::move(field));
      field.clear();
    } else {
      field.push_back(static_cast<char>(c));
    }
    c = get();
  }
}

void DelimitedReader::read_header() {
  header_read_ = true;
  if (!read_row()) {
    warn(0, "", "empty input: no header row");
    return;
  }
  if (!fields_.empty() && fields_[0].compare(0, 3, "\xEF\xBB\xBF") == 0) fields_[0].erase(0, 3);
  std::vector<std::string> columns;
  for (const auto& name : fields_) columns.push_back(normalized(name));
  column_field_.assign(columns.size(), -1);
  std::vector<bool> taken(kFields.size(), false);
  const auto assign = [&](std::size_t column, int field) {
    if (field < 0 || taken[static_cast<std::size_t>(field)] || column_field_[column] >= 0) return;
    column_field_[column] = field;
    taken[static_cast<std::size_t>(field)] = true;
  };
  // Explicit mappings first, then field names, then aliases.
  for (const auto& [field, column] : column_map_) {
    const auto found = std::find(columns.begin(), columns.end(), column);
    if (found == columns.end()) {
      column_field_.clear();  // nothing can be read right: stop
      throw InputError(
          name(), record_, "",
          "column '" + column + "' (--map " + field + "=" + column + ") is not in the header");
    }
    assign(static_cast<std::size_t>(found - columns.begin()), field_index(field));
  }
  for (std::size_t i = 0; i < columns.size(); ++i) assign(i, field_index(columns[i]));
  for (std::size_t i = 0; i < columns.size(); ++i) {
    for (const Alias& alias : kAliases) {
      if (alias.column == columns[i]) assign(i, field_index(alias.field));
    }
  }
  std::string ignored;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (column_field_[i] < 0) ignored += (ignored.empty() ? "" : ", ") + fields_[i];
  }
  if (!ignored.empty()) warn(record_, "", "columns not read (no article field): " + ignored);
}

std::optional<Article> DelimitedReader::next() {
  if (!header_read_) read_header();
  if (column_field_.empty()) return std::nullopt;
  for (;;) {
    if (!read_row()) return std::nullopt;
    if (fields_.size() == 1 && fields_[0].empty()) continue;  // a blank line
    if (fields_.size() != column_field_.size()) {
      throw InputError(name(), record_, "",
                       "expected " + std::to_string(column_field_.size()) +
                           " fields as in the header, found " + std::to_string(fields_.size()));
    }
    std::size_t replaced = 0;
    Article article;
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      if (column_field_[i] < 0) continue;
      std::string& value = fields_[i];
      replaced += internal::repair_utf8(value);
      // Indexes into kFields: id, title, body, source, url, published,
      // authors, topics, places, language.
      switch (column_field_[i]) {
        case 0:
          article.id = std::move(value);
          break;
        case 1:
          article.title = std::move(value);
          break;
        case 2:
          article.body = std::move(value);
          break;
        case 3:
          article.source = std::move(value);
          break;
        case 4:
          article.url = std::move(value);
          break;
        case 5:
          if (value.find_first_not_of(" \t") == std::string::npos) break;
          article.published = parse_date(value);
          if (!article.published) {
            warn(record_, "published",
                 "not a date: \"" + value.substr(0, 60) + "\"; indexed without a date");
          }
          break;
        case 6:
          article.authors = split_list(value);
          break;
        case 7:
          article.topics = split_list(value);
          break;
        case 8:
          article.places = split_list(value);
          break;
        default:
          article.language = std::move(value);
          break;
      }
    }
    if (replaced > 0) {
      warn(record_, "",
           "invalid UTF-8 replaced by U+FFFD (" + std::to_string(replaced) + " sequence" +
               (replaced == 1 ? ")" : "s)"));
    }
    return article;
  }
}

}  // namespace newsdex::indexer
