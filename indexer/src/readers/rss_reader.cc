#include "rss_reader.h"

#include "ascii.h"
#include "text_repair.h"

namespace newsdex::indexer {
namespace {

// RSS 2.0 <author> is an e-mail address, often "jo@example.com (Jo Lee)":
// the name in parentheses is the byline.
std::string author_name(const std::string& author) {
  const std::size_t open = author.find('(');
  const std::size_t close = author.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open + 1) {
    return collapse_space(author.substr(open + 1, close - open - 1));
  }
  return author;
}

}  // namespace

RssReader::RssReader(std::istream& in, std::string name) : XmlReader(in, std::move(name), "item") {}

std::vector<pugi::xml_node> RssReader::find_records(const pugi::xml_document& doc) {
  root_ = doc.document_element();
  channel_ = child(root_, "channel");
  // RSS 2.0 puts the items in the channel, RSS 1.0 beside it.
  std::vector<pugi::xml_node> items = children(channel_, "item");
  for (const pugi::xml_node& item : children(root_, "item")) items.push_back(item);
  return items;
}

Article RssReader::to_article(const pugi::xml_node& item, std::uint64_t record) {
  Article article;
  article.source = html_to_text(text_of(child(channel_, "title")));
  article.title = html_text_of(child(item, "title"));
  for (const pugi::xml_node& body : children(item, "encoded")) {
    std::string text = html_text_of(body);
    if (text.size() > article.body.size()) article.body = std::move(text);
  }
  for (const pugi::xml_node& body : children(item, "description")) {
    std::string text = html_text_of(body);
    if (text.size() > article.body.size()) article.body = std::move(text);
  }

  const pugi::xml_node guid = child(item, "guid");
  const std::string guid_text = text_of(guid);
  article.url = text_of(child(item, "link"));
  if (article.url.empty() && !internal::iequals_ascii(attribute(guid, "isPermaLink"), "false") &&
      (guid_text.rfind("http://", 0) == 0 || guid_text.rfind("https://", 0) == 0)) {
    article.url = guid_text;
  }
  if (article.url.empty()) article.url = attribute(item, "about");
  article.id = guid_text.empty() ? article.url : guid_text;

  pugi::xml_node date = child(item, "pubDate");
  if (!date) date = child(item, "date");
  article.published = date_field(text_of(date), record);

  for (const pugi::xml_node& author : children(item, "author"))
    add_unique(article.authors, author_name(text_of(author)));
  for (const pugi::xml_node& creator : children(item, "creator"))
    add_unique(article.authors, text_of(creator));
  for (const pugi::xml_node& category : children(item, "category"))
    add_unique(article.topics, text_of(category));
  for (const pugi::xml_node& subject : children(item, "subject"))
    add_unique(article.topics, text_of(subject));

  std::string language = text_of(child(channel_, "language"));
  if (language.empty()) language = text_of(child(item, "language"));
  for (const pugi::xml_node& node : {item, channel_, root_}) {
    if (language.empty()) language = attribute(node, "xml:lang");
  }
  article.language = language_code(language);
  return article;
}

}  // namespace newsdex::indexer
