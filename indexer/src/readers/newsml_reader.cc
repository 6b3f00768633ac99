#include "newsml_reader.h"

#include "text_repair.h"

namespace newsdex::indexer {
namespace {

// A NewsML-G2 concept's name: its <name> child, else its literal, else the
// code of its qcode ("nprov:REUTERS" -> "REUTERS").
std::string concept_name(const pugi::xml_node& node) {
  std::string name = text_of(child(node, "name"));
  if (name.empty()) name = collapse_space(attribute(node, "literal"));
  if (name.empty()) {
    const std::string qcode = attribute(node, "qcode");
    name = collapse_space(qcode.substr(qcode.find(':') + 1));
  }
  return name;
}

std::string content_text(const pugi::xml_node& content_set) {
  std::string best;
  for (pugi::xml_node content = content_set.first_child(); content;
       content = content.next_sibling()) {
    std::string text;
    if (local_name(content) == "inlineXML") {
      // NITF keeps the story in body.content (body.head repeats the
      // headline and byline); XHTML in <body>.
      pugi::xml_node body = descendant(content, "body.content");
      if (!body) body = descendant(content, "body");
      text = html_text_of(body ? body : content);
    } else if (local_name(content) == "inlineData") {
      text = html_text_of(content);
    }
    if (text.size() > best.size()) best = std::move(text);
  }
  return best;
}

}  // namespace

NewsMlReader::NewsMlReader(std::istream& in, std::string name)
    : XmlReader(in, std::move(name), "newsItem") {}

std::vector<pugi::xml_node> NewsMlReader::find_records(const pugi::xml_document& doc) {
  std::vector<pugi::xml_node> items;
  const pugi::xml_node root = doc.document_element();
  if (local_name(root) == "newsItem") items.push_back(root);
  // newsMessage > itemSet > newsItem; look one level deeper to be lenient.
  for (const pugi::xml_node& set : root.children()) {
    if (local_name(set) == "newsItem") items.push_back(set);
    for (const pugi::xml_node& item : children(set, "newsItem")) items.push_back(item);
  }
  return items;
}

Article NewsMlReader::to_article(const pugi::xml_node& item, std::uint64_t record) {
  Article article;
  const pugi::xml_node item_meta = child(item, "itemMeta");
  const pugi::xml_node content_meta = child(item, "contentMeta");
  article.id = collapse_space(attribute(item, "guid"));
  article.title = text_of(child(content_meta, "headline"));
  if (article.title.empty()) article.title = text_of(descendant(child(item, "contentSet"), "hl1"));
  article.body = content_text(child(item, "contentSet"));

  pugi::xml_node date = child(item_meta, "versionCreated");
  if (text_of(date).empty()) date = child(content_meta, "contentCreated");
  article.published = date_field(text_of(date), record);

  for (const pugi::xml_node& creator : children(content_meta, "creator"))
    add_unique(article.authors, concept_name(creator));
  for (const pugi::xml_node& subject : children(content_meta, "subject"))
    add_unique(article.topics, text_of(child(subject, "name")));

  std::string language = attribute(child(content_meta, "language"), "tag");
  if (language.empty()) language = attribute(item, "xml:lang");
  article.language = language_code(language);

  const pugi::xml_node provider = child(item_meta, "provider");
  if (provider) article.source = concept_name(provider);
  if (article.source.empty())
    article.source = text_of(child(child(child(item, "rightsInfo"), "copyrightHolder"), "name"));
  return article;
}

}  // namespace newsdex::indexer
