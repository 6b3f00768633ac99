// nitf_reader.h (internal) — reads IPTC NITF documents.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "xml_input.h"

namespace newsdex::indexer {

/// Each <nitf> element (normally the document element) is one article: id
/// (docdata/doc-id id-string), title (body.head hedline/hl1, else
/// head/title), body (body.content as plain text), published
/// (docdata/date.issue norm, else pubdata date.publication), authors
/// (byline persons, else the byline text without "By"), topics (key-list
/// keywords, tobject.subject matters), language (xml:lang) and source
/// (doc.copyright holder, else pubdata name). See XmlReader for encodings
/// and faults.
class NitfReader : public XmlReader {
 public:
  /// @param in the stream to read (not owned; must outlive the reader)
  NitfReader(std::istream& in, std::string name);

 private:
  std::vector<pugi::xml_node> find_records(const pugi::xml_document& doc) override;
  Article to_article(const pugi::xml_node& nitf, std::uint64_t record) override;
};

}  // namespace newsdex::indexer
