#include "xml_input.h"

#include <algorithm>
#include <iterator>
#include <sstream>

#include "ascii.h"
#include "charset.h"
#include "newsdex/common/date.h"
#include "newsdex/common/error.h"
#include "text_repair.h"

namespace newsdex::indexer {
namespace {

// The encoding an XML declaration names, lower case; empty when none.
std::string declared_encoding(std::string_view bytes) {
  const std::size_t start = bytes.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || bytes.compare(start, 5, "<?xml") != 0) return {};
  const std::size_t end = bytes.find("?>", start);
  if (end == std::string_view::npos) return {};
  const std::string declaration = internal::ascii_lower(bytes.substr(start, end - start));
  const std::size_t at = declaration.find("encoding");
  if (at == std::string::npos) return {};
  std::size_t quote = declaration.find_first_of("\"'", at);
  if (quote == std::string::npos) return {};
  const std::size_t close = declaration.find(declaration[quote], quote + 1);
  if (close == std::string::npos) return {};
  return collapse_space(declaration.substr(quote + 1, close - quote - 1));
}

}  // namespace

XmlReader::XmlReader(std::istream& in, std::string name, std::string record_name)
    : ArticleReader(std::move(name)), in_(in), record_name_(std::move(record_name)) {}

void XmlReader::load() {
  loaded_ = true;
  buffer_.assign(std::istreambuf_iterator<char>(in_), std::istreambuf_iterator<char>());
  if (in_.bad()) throw InputError(name(), 0, "", "read error");
  bytes_ = buffer_.size();

  // UTF-16 (with a byte order mark, or recognisable from "<?") becomes
  // UTF-8 first, so that every offset pugixml reports indexes buffer_.
  std::string utf16;
  if (buffer_.compare(0, 2, "\xFE\xFF") == 0 ||
      buffer_.compare(0, 4, std::string("\0<\0?", 4)) == 0)
    utf16 = "UTF-16BE";
  if (buffer_.compare(0, 2, "\xFF\xFE") == 0 ||
      buffer_.compare(0, 4, std::string("<\0?\0", 4)) == 0)
    utf16 = "UTF-16LE";
  if (!utf16.empty()) {
    const std::size_t bom = buffer_[0] == '<' || buffer_[0] == '\0' ? 0 : 2;
    std::optional<std::string> converted =
        convert_with_icu(std::string_view(buffer_).substr(bom), utf16);
    if (!converted) throw InputError(name(), 0, "", "cannot decode " + utf16);
    buffer_ = std::move(*converted);
  }
  if (buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) buffer_.erase(0, 3);

  std::string encoding = declared_encoding(buffer_);
  if (!utf16.empty() || encoding.rfind("utf-16", 0) == 0) encoding.clear();
  decode_to_utf8(buffer_, encoding,
                 [this](std::string message) { warn(0, "", std::move(message)); });

  for (std::size_t at = buffer_.find('\n'); at != std::string::npos;
       at = buffer_.find('\n', at + 1))
    newlines_.push_back(at);

  const pugi::xml_parse_result result =
      doc_.load_buffer(buffer_.data(), buffer_.size(), pugi::parse_default, pugi::encoding_utf8);
  records_ = find_records(doc_);
  if (!result) {
    fault_.emplace(name(), line_of(result.offset), "",
                   std::string("not well-formed XML: ") + result.description());
    // pugixml keeps the tree up to the fault: the last record is complete
    // only when its end tag comes before the fault.
    if (!records_.empty()) {
      const pugi::xml_node last = records_.back();
      const auto start = static_cast<std::size_t>(std::max<std::ptrdiff_t>(last.offset_debug(), 0));
      const std::size_t end_tag = buffer_.find("</" + std::string(last.name()), start);
      if (end_tag == std::string::npos || end_tag >= static_cast<std::size_t>(result.offset))
        records_.pop_back();
    }
  } else if (records_.empty()) {
    warn(0, "", "no " + record_name_ + " elements: nothing to read");
  }
}

std::uint64_t XmlReader::line_of(std::ptrdiff_t offset) const {
  if (offset < 0) return 0;
  const auto before =
      std::lower_bound(newlines_.begin(), newlines_.end(), static_cast<std::size_t>(offset));
  return static_cast<std::uint64_t>(before - newlines_.begin()) + 1;
}

std::optional<Article> XmlReader::next() {
  if (!loaded_) load();
  if (next_ < records_.size()) {
    const pugi::xml_node node = records_[next_++];
    record_ = line_of(node.offset_debug());
    if (record_ == 0) record_ = next_;
    return to_article(node, record_);
  }
  if (fault_) {
    InputError fault = std::move(*fault_);
    fault_.reset();
    record_ = fault.line();
    throw fault;
  }
  return std::nullopt;
}

std::optional<Timestamp> XmlReader::date_field(std::string_view text, std::uint64_t record) {
  const std::string date = collapse_space(text);
  if (date.empty()) return std::nullopt;
  std::optional<Timestamp> parsed = parse_date(date);
  if (!parsed)
    warn(record, "published", "not a date: \"" + date.substr(0, 60) + "\"; indexed without a date");
  return parsed;
}

std::string_view local_name(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node kid = node.first_child(); kid; kid = kid.next_sibling()) {
    if (kid.type() == pugi::node_element && local_name(kid) == name) return kid;
  }
  return {};
}

std::vector<pugi::xml_node> children(const pugi::xml_node& node, std::string_view name) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node kid = node.first_child(); kid; kid = kid.next_sibling()) {
    if (kid.type() == pugi::node_element && local_name(kid) == name) out.push_back(kid);
  }
  return out;
}

namespace {

// The node after `node` in document order within `root` (empty at the end);
// an iterative walk, so deep nesting cannot exhaust the stack.
pugi::xml_node following(pugi::xml_node node, const pugi::xml_node& root) {
  if (node.first_child()) return node.first_child();
  while (node && node != root) {
    if (node.next_sibling()) return node.next_sibling();
    node = node.parent();
  }
  return {};
}

}  // namespace

pugi::xml_node descendant(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node at = following(node, node); at; at = following(at, node)) {
    if (at.type() == pugi::node_element && local_name(at) == name) return at;
  }
  return {};
}

std::string attribute(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    std::string_view attr_name = a.name();
    const std::size_t colon = attr_name.rfind(':');
    if (colon != std::string_view::npos && attr_name.substr(0, colon) != "xml")
      attr_name.remove_prefix(colon + 1);
    if (attr_name == name) return a.value();
  }
  return {};
}

std::string text_of(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node at = following(node, node); at; at = following(at, node)) {
    if (at.type() == pugi::node_pcdata || at.type() == pugi::node_cdata) {
      out += at.value();
      out += ' ';
    }
  }
  return collapse_space(out);
}

std::string html_text_of(const pugi::xml_node& node) {
  bool has_elements = false;
  std::string html;
  for (pugi::xml_node kid = node.first_child(); kid; kid = kid.next_sibling()) {
    if (kid.type() == pugi::node_element) has_elements = true;
    if (kid.type() == pugi::node_pcdata || kid.type() == pugi::node_cdata) html += kid.value();
  }
  if (has_elements) {
    // XHTML children: print them back as markup for the HTML converter.
    std::ostringstream markup;
    for (pugi::xml_node kid = node.first_child(); kid; kid = kid.next_sibling())
      kid.print(markup, "", pugi::format_raw);
    html = markup.str();
  }
  return html_to_text(html);
}

std::string language_code(std::string_view tag) {
  std::string code = internal::ascii_lower(collapse_space(tag));
  return code.substr(0, code.find_first_of("-_"));
}

void add_unique(std::vector<std::string>& list, std::string value) {
  if (value.empty() || std::find(list.begin(), list.end(), value) != list.end()) return;
  list.push_back(std::move(value));
}

}  // namespace newsdex::indexer
