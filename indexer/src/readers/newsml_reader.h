// newsml_reader.h (internal) — reads IPTC NewsML-G2 news items.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "xml_input.h"

namespace newsdex::indexer {

/// Each <newsItem> (the document element, or inside a newsMessage) is one
/// article: id (guid), title (contentMeta/headline, else the NITF hl1),
/// body (contentSet inlineXML - its NITF body.content or XHTML body - or
/// inlineData, as plain text), published (itemMeta/versionCreated, else
/// contentMeta/contentCreated), authors (creator name), topics (subject
/// name), language (contentMeta/language tag, else xml:lang) and source
/// (provider name, literal or qcode code, else the copyright holder).
/// Packages (packageItem) carry no text and are not read. See XmlReader for
/// encodings and faults.
class NewsMlReader : public XmlReader {
 public:
  /// @param in the stream to read (not owned; must outlive the reader)
  NewsMlReader(std::istream& in, std::string name);

 private:
  std::vector<pugi::xml_node> find_records(const pugi::xml_document& doc) override;
  Article to_article(const pugi::xml_node& item, std::uint64_t record) override;
};

}  // namespace newsdex::indexer
