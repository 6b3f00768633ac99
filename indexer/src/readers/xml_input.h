// xml_input.h (internal) — the part the XML feed readers share: loading a
// document into UTF-8 whatever its declared (or mislabelled) encoding,
// parsing it with pugixml, handing out its records one at a time and
// reporting a fault in the XML after the records before it.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/common/error.h"
#include "newsdex/indexer/article_reader.h"

namespace newsdex::indexer {

/// Base of the RSS, Atom, NewsML-G2 and NITF readers. The whole input is
/// read and parsed on the first next(); each record element (item, entry,
/// newsItem, nitf) then becomes one article, its record number the 1-based
/// line of the element's start tag. Encodings: UTF-16 (a BOM, or "<?" in
/// UTF-16) is converted to UTF-8 and a UTF-8 BOM dropped; the rest is
/// decode_to_utf8() with the encoding the XML declaration names, as for
/// HTML pages (legacy charsets through ICU, stray Windows-1252 bytes and
/// double-encoded UTF-8 repaired with warnings). A document that is not well-formed gives
/// the complete records before the fault, then an InputError naming the
/// line of the fault.
class XmlReader : public ArticleReader {
 public:
  std::optional<Article> next() final;
  std::uint64_t record() const noexcept final { return record_; }
  std::uint64_t bytes_read() const noexcept final { return bytes_; }

 protected:
  /// @param in the stream to read (not owned; must outlive the reader)
  /// @param record_name what a record is called in messages ("item")
  XmlReader(std::istream& in, std::string name, std::string record_name);

  /// The record elements of `doc` in document order.
  virtual std::vector<pugi::xml_node> find_records(const pugi::xml_document& doc) = 0;

  /// The article of one record element; `record` is its number for warn().
  virtual Article to_article(const pugi::xml_node& node, std::uint64_t record) = 0;

  /// Parses `text` as a date for `record`, warning when it is not one.
  std::optional<Timestamp> date_field(std::string_view text, std::uint64_t record);

 private:
  void load();
  std::uint64_t line_of(std::ptrdiff_t offset) const;

  std::istream& in_;
  std::string record_name_;
  std::string buffer_;  // the document as UTF-8; pugixml's offsets index it
  pugi::xml_document doc_;
  std::vector<std::size_t> newlines_;  // offsets of the line ends in buffer_
  std::vector<pugi::xml_node> records_;
  std::size_t next_ = 0;
  std::optional<InputError> fault_;  // thrown after the records before it
  std::uint64_t record_ = 0;
  std::uint64_t bytes_ = 0;
  bool loaded_ = false;
};

/// The name of `node` without its namespace prefix ("dc:creator" ->
/// "creator"): feeds bind prefixes inconsistently, so readers match local
/// names.
std::string_view local_name(const pugi::xml_node& node);

/// The first child element of `node` with local name `name` (empty if none).
pugi::xml_node child(const pugi::xml_node& node, std::string_view name);

/// Every child element of `node` with local name `name`.
std::vector<pugi::xml_node> children(const pugi::xml_node& node, std::string_view name);

/// The first element below `node` (at any depth) with local name `name`.
pugi::xml_node descendant(const pugi::xml_node& node, std::string_view name);

/// The attribute of `node` with local name `name` ("" if none).
std::string attribute(const pugi::xml_node& node, std::string_view name);

/// All text below `node` (text and CDATA), white space collapsed.
std::string text_of(const pugi::xml_node& node);

/// The text below `node` read as HTML: escaped HTML in text or CDATA (RSS
/// descriptions) and XHTML child elements (Atom type="xhtml", NITF
/// body.content) both become plain text in paragraphs.
std::string html_text_of(const pugi::xml_node& node);

/// The primary language subtag, lower case ("en-GB" -> "en").
std::string language_code(std::string_view tag);

/// Adds `value` to `list` unless it is empty or already there.
void add_unique(std::vector<std::string>& list, std::string value);

}  // namespace newsdex::indexer
