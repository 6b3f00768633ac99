#include "nitf_reader.h"

#include "ascii.h"
#include "text_repair.h"

namespace newsdex::indexer {
namespace {

// "By Ann Lee" -> "Ann Lee"; the byline's title (<byttl>) is not a name.
std::string byline_name(const pugi::xml_node& byline) {
  std::string text;
  for (pugi::xml_node kid = byline.first_child(); kid; kid = kid.next_sibling()) {
    if (kid.type() == pugi::node_pcdata || kid.type() == pugi::node_cdata) {
      text += kid.value();
      text += ' ';
    } else if (kid.type() == pugi::node_element && local_name(kid) != "byttl") {
      text += text_of(kid) + ' ';
    }
  }
  text = collapse_space(text);
  if (internal::iequals_ascii(text.substr(0, 3), "by ")) text = collapse_space(text.substr(3));
  return text;
}

}  // namespace

NitfReader::NitfReader(std::istream& in, std::string name)
    : XmlReader(in, std::move(name), "nitf") {}

std::vector<pugi::xml_node> NitfReader::find_records(const pugi::xml_document& doc) {
  std::vector<pugi::xml_node> documents;
  const pugi::xml_node root = doc.document_element();
  if (local_name(root) == "nitf") {
    documents.push_back(root);
  } else if (const pugi::xml_node nested = descendant(root, "nitf")) {
    // NITF carried in a wrapper (a NewsML inlineXML fragment).
    documents.push_back(nested);
  }
  return documents;
}

Article NitfReader::to_article(const pugi::xml_node& nitf, std::uint64_t record) {
  Article article;
  const pugi::xml_node head = child(nitf, "head");
  const pugi::xml_node body = child(nitf, "body");
  const pugi::xml_node body_head = child(body, "body.head");
  const pugi::xml_node docdata = child(head, "docdata");
  const pugi::xml_node pubdata = child(head, "pubdata");

  article.id = collapse_space(attribute(child(docdata, "doc-id"), "id-string"));
  article.title = text_of(descendant(child(body_head, "hedline"), "hl1"));
  if (article.title.empty()) article.title = text_of(child(head, "title"));
  article.body = html_text_of(child(body, "body.content"));

  std::string date = attribute(child(docdata, "date.issue"), "norm");
  if (collapse_space(date).empty()) date = attribute(pubdata, "date.publication");
  article.published = date_field(date, record);

  for (const pugi::xml_node& byline : children(body_head, "byline")) {
    const std::vector<pugi::xml_node> persons = children(byline, "person");
    if (persons.empty()) add_unique(article.authors, byline_name(byline));
    for (const pugi::xml_node& person : persons) add_unique(article.authors, text_of(person));
  }
  for (const pugi::xml_node& keyword : children(child(docdata, "key-list"), "keyword"))
    add_unique(article.topics, collapse_space(attribute(keyword, "key")));
  for (const pugi::xml_node& tobject : children(head, "tobject")) {
    for (const pugi::xml_node& subject : children(tobject, "tobject.subject"))
      add_unique(article.topics, collapse_space(attribute(subject, "tobject.subject.matter")));
  }

  std::string language = attribute(nitf, "xml:lang");
  if (language.empty()) language = attribute(body, "xml:lang");
  article.language = language_code(language);

  article.source = collapse_space(attribute(child(docdata, "doc.copyright"), "holder"));
  if (article.source.empty()) article.source = collapse_space(attribute(pubdata, "name"));
  return article;
}

}  // namespace newsdex::indexer
