#include "atom_reader.h"

#include "ascii.h"
#include "text_repair.h"

namespace newsdex::indexer {
namespace {

// An Atom text construct: type="text" (the default) is plain text, "html"
// escaped HTML and "xhtml" a <div> of XHTML.
std::string text_construct(const pugi::xml_node& node) {
  const std::string type = internal::ascii_lower(attribute(node, "type"));
  if (type == "html" || type == "xhtml" || type == "text/html" || type == "application/xhtml+xml") {
    return html_text_of(node);
  }
  return text_of(node);
}

void add_authors(const pugi::xml_node& node, std::vector<std::string>& authors) {
  for (const pugi::xml_node& author : children(node, "author"))
    add_unique(authors, text_of(child(author, "name")));
}

}  // namespace

AtomReader::AtomReader(std::istream& in, std::string name)
    : XmlReader(in, std::move(name), "entry") {}

std::vector<pugi::xml_node> AtomReader::find_records(const pugi::xml_document& doc) {
  feed_ = doc.document_element();
  return children(feed_, "entry");
}

Article AtomReader::to_article(const pugi::xml_node& entry, std::uint64_t record) {
  Article article;
  article.source = text_construct(child(feed_, "title"));
  article.title = text_construct(child(entry, "title"));
  for (const char* name : {"content", "summary"}) {
    for (const pugi::xml_node& body : children(entry, name)) {
      std::string text = text_construct(body);
      if (text.size() > article.body.size()) article.body = std::move(text);
    }
  }
  for (const pugi::xml_node& link : children(entry, "link")) {
    const std::string rel = attribute(link, "rel");
    if ((rel.empty() || rel == "alternate") && article.url.empty())
      article.url = attribute(link, "href");
  }
  article.id = text_of(child(entry, "id"));
  if (article.id.empty()) article.id = article.url;

  pugi::xml_node date = child(entry, "published");
  if (!date || text_of(date).empty()) date = child(entry, "updated");
  article.published = date_field(text_of(date), record);

  add_authors(entry, article.authors);
  if (article.authors.empty()) add_authors(feed_, article.authors);
  for (const pugi::xml_node& category : children(entry, "category"))
    add_unique(article.topics, collapse_space(attribute(category, "term")));

  std::string language = attribute(entry, "xml:lang");
  if (language.empty()) language = attribute(feed_, "xml:lang");
  article.language = language_code(language);
  return article;
}

}  // namespace newsdex::indexer
