// rss_reader.h (internal) — reads RSS 2.0 and RSS 1.0 (RDF) feeds.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "xml_input.h"

namespace newsdex::indexer {

/// Each <item> of an RSS 2.0 channel, or of an RSS 1.0 rdf:RDF document,
/// is one article: title, body (the longest of content:encoded and
/// description, HTML made plain text), url (link, else a permalink guid or
/// rdf:about), id (guid, else the url), published (pubDate, else dc:date),
/// authors (author, dc:creator), topics (category, dc:subject), language
/// (the channel's language or dc:language, else xml:lang) and source (the
/// channel title). Namespace prefixes are ignored. See XmlReader for
/// encodings and faults.
class RssReader : public XmlReader {
 public:
  /// @param in the stream to read (not owned; must outlive the reader)
  RssReader(std::istream& in, std::string name);

 private:
  std::vector<pugi::xml_node> find_records(const pugi::xml_document& doc) override;
  Article to_article(const pugi::xml_node& item, std::uint64_t record) override;

  pugi::xml_node channel_;
  pugi::xml_node root_;
};

}  // namespace newsdex::indexer
