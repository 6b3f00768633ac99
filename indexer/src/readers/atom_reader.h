// atom_reader.h (internal) — reads Atom 1.0 feeds.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "xml_input.h"

namespace newsdex::indexer {

/// Each <entry> of an Atom <feed> is one article: title, body (the longer
/// of content and summary; type html and xhtml made plain text), url (link
/// rel="alternate" or without rel), id, published (published, else
/// updated), authors (author/name, else the feed's), topics (category
/// term), language (xml:lang of the entry or feed) and source (the feed
/// title). See XmlReader for encodings and faults.
class AtomReader : public XmlReader {
 public:
  /// @param in the stream to read (not owned; must outlive the reader)
  AtomReader(std::istream& in, std::string name);

 private:
  std::vector<pugi::xml_node> find_records(const pugi::xml_document& doc) override;
  Article to_article(const pugi::xml_node& entry, std::uint64_t record) override;

  pugi::xml_node feed_;
};

}  // namespace newsdex::indexer
