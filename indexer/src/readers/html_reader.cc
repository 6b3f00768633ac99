#include "html_reader.h"

#include <gumbo.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <string_view>
#include <vector>

#include "ascii.h"
#include "charset.h"
#include "json_article.h"
#include "newsdex/common/date.h"
#include "newsdex/common/error.h"
#include "text_repair.h"

namespace newsdex::indexer {
namespace {

std::string attr(const GumboNode* node, const char* name) {
  if (node->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a ? std::string(a->value) : std::string();
}

// Deeper than this, the walks below stop: no real article nests so deep,
// and recursion must not exhaust the stack on a hostile page.
constexpr int kMaxDepth = 256;

void raw_text(const GumboNode* node, std::string& out, int depth = 0) {
  if (depth > kMaxDepth) return;
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
      node->type == GUMBO_NODE_CDATA) {
    out += node->v.text.text;
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
  const GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT) return;
  const GumboVector& kids = node->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    raw_text(static_cast<GumboNode*>(kids.data[i]), out, depth + 1);
  }
}

// Boilerplate that must not count as, or be part of, the main text.
bool is_boilerplate(const GumboNode* node) {
  switch (node->v.element.tag) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
      return true;
    default:
      break;
  }
  const std::string names = internal::ascii_lower(attr(node, "class") + " " + attr(node, "id"));
  for (const char* word : {"nav", "menu", "footer", "share", "related", "comment"}) {
    if (names.find(word) != std::string::npos) return true;
  }
  // "ad" only as a whole token, or "ad" would match "head", "read", ...
  std::string token;
  for (char c : names + " ") {
    if (c == ' ' || c == '-' || c == '_') {
      if (token == "ad" || token == "ads" || token == "advert") return true;
      token.clear();
    } else {
      token += c;
    }
  }
  return false;
}

// Paragraph texts of `node`: each block of text (<p>, headings, list items)
// becomes one paragraph; boilerplate is skipped.
void paragraphs(const GumboNode* node, std::vector<std::string>& out, int depth = 0) {
  if (node->type != GUMBO_NODE_ELEMENT || depth > kMaxDepth) return;
  if (is_boilerplate(node)) return;
  const GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_P || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_LI ||
      tag == GUMBO_TAG_BLOCKQUOTE) {
    std::string text;
    raw_text(node, text);
    text = collapse_space(text);
    if (!text.empty()) out.push_back(std::move(text));
    return;
  }
  const GumboVector& kids = node->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    paragraphs(static_cast<GumboNode*>(kids.data[i]), out, depth + 1);
  }
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

struct Page {
  std::vector<const GumboNode*> metas, links, scripts, times;
  const GumboNode* title = nullptr;
  const GumboNode* h1 = nullptr;
  const GumboNode* article = nullptr;
  const GumboNode* html = nullptr;
  const GumboNode* best = nullptr;  // element with the most text in direct <p> children
  std::size_t best_size = 0;
};

void scan(const GumboNode* node, Page& page, bool boiler, int depth = 0) {
  if (node->type != GUMBO_NODE_ELEMENT || depth > kMaxDepth) return;
  const GumboTag tag = node->v.element.tag;
  switch (tag) {
    case GUMBO_TAG_HTML:
      page.html = node;
      break;
    case GUMBO_TAG_META:
      page.metas.push_back(node);
      break;
    case GUMBO_TAG_LINK:
      page.links.push_back(node);
      break;
    case GUMBO_TAG_SCRIPT:
      page.scripts.push_back(node);
      break;
    case GUMBO_TAG_TITLE:
      if (!page.title) page.title = node;
      break;
    case GUMBO_TAG_H1:
      if (!page.h1) page.h1 = node;
      break;
    case GUMBO_TAG_ARTICLE:
      if (!page.article) page.article = node;
      break;
    case GUMBO_TAG_TIME:
      if (page.article) page.times.push_back(node);
      break;
    default:
      break;
  }
  boiler = boiler || (tag != GUMBO_TAG_HTML && tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_HEAD &&
                      tag != GUMBO_TAG_SCRIPT && is_boilerplate(node));
  const GumboVector& kids = node->v.element.children;
  std::size_t ptext = 0;
  for (unsigned i = 0; i < kids.length; ++i) {
    const auto* kid = static_cast<const GumboNode*>(kids.data[i]);
    if (!boiler && kid->type == GUMBO_NODE_ELEMENT && kid->v.element.tag == GUMBO_TAG_P) {
      std::string text;
      raw_text(kid, text);
      ptext += collapse_space(text).size();
    }
    scan(kid, page, boiler, depth + 1);
  }
  if (!boiler && ptext > page.best_size) {
    page.best_size = ptext;
    page.best = node;
  }
}

std::string text_of(const GumboNode* node) {
  if (!node) return {};
  std::string text;
  raw_text(node, text);
  return collapse_space(text);
}

std::vector<std::string> split_commas(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    std::string item = collapse_space(text.substr(start, end - start));
    if (!item.empty()) out.push_back(std::move(item));
    start = end + 1;
  }
  return out;
}

struct JsonLd {
  std::string headline, body, publisher;
  std::optional<Timestamp> published;
  std::string date_problem;  // why datePublished, though given, is no date
  std::vector<std::string> authors;
  bool found = false;
  int invalid_scripts = 0;  // JSON-LD that did not parse, before the article's
};

bool is_article_type(simdjson::dom::element item) {
  auto match = [](std::string_view t) {
    return t == "NewsArticle" || t == "Article" || t == "ReportageNewsArticle" ||
           t == "BlogPosting";
  };
  simdjson::dom::element type;
  if (item["@type"].get(type) != simdjson::SUCCESS) return false;
  std::string_view s;
  if (type.get_string().get(s) == simdjson::SUCCESS) return match(s);
  simdjson::dom::array arr;
  if (type.get_array().get(arr) == simdjson::SUCCESS) {
    for (auto t : arr) {
      if (t.get_string().get(s) == simdjson::SUCCESS && match(s)) return true;
    }
  }
  return false;
}

std::string json_string(simdjson::dom::element item, const char* key) {
  std::string_view s;
  if (item[key].get_string().get(s) == simdjson::SUCCESS) return std::string(s);
  return {};
}

void add_author(simdjson::dom::element a, std::vector<std::string>& out) {
  std::string_view s;
  if (a.get_string().get(s) == simdjson::SUCCESS) {
    if (!s.empty()) out.emplace_back(s);
  } else if (a.is_object()) {
    std::string name = json_string(a, "name");
    if (!name.empty()) out.push_back(std::move(name));
  }
}

void take(simdjson::dom::element item, JsonLd& ld) {
  ld.found = true;
  ld.headline = json_string(item, "headline");
  simdjson::dom::element date;
  if (item["datePublished"].get(date) == simdjson::SUCCESS)
    ld.published = date_from_json(date, ld.date_problem);
  ld.body = json_string(item, "articleBody");
  simdjson::dom::element publisher;
  if (item["publisher"].get(publisher) == simdjson::SUCCESS && publisher.is_object())
    ld.publisher = json_string(publisher, "name");
  simdjson::dom::element author;
  if (item["author"].get(author) == simdjson::SUCCESS) {
    simdjson::dom::array arr;
    if (author.get_array().get(arr) == simdjson::SUCCESS) {
      for (auto a : arr) add_author(a, ld.authors);
    } else {
      add_author(author, ld.authors);
    }
  }
}

void find_article(simdjson::dom::element node, JsonLd& ld) {
  if (ld.found) return;
  simdjson::dom::array arr;
  if (node.get_array().get(arr) == simdjson::SUCCESS) {
    for (auto item : arr) find_article(item, ld);
    return;
  }
  if (!node.is_object()) return;
  if (is_article_type(node)) {
    take(node, ld);
    return;
  }
  simdjson::dom::element graph;
  if (node["@graph"].get(graph) == simdjson::SUCCESS) find_article(graph, ld);
}

// The charset a <meta charset> or http-equiv content-type declares in the
// page's first bytes, lower case; empty when none is declared.
std::string declared_charset(std::string_view bytes) {
  const std::string head = internal::ascii_lower(bytes.substr(0, 4096));
  const std::size_t at = head.find("charset=");
  if (at == std::string::npos) return {};
  std::size_t start = at + 8;
  while (start < head.size() && (head[start] == '"' || head[start] == '\'' || head[start] == ' '))
    ++start;
  std::size_t end = start;
  while (end < head.size() &&
         (std::isalnum(static_cast<unsigned char>(head[end])) != 0 || head[end] == '-' ||
          head[end] == '_' || head[end] == ':' || head[end] == '.'))
    ++end;
  return head.substr(start, end - start);
}

using GumboTree = std::unique_ptr<GumboOutput, void (*)(GumboOutput*)>;

GumboTree parse_html(const std::string& html) {
  return GumboTree(gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
                   [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
}

// The content of the first <meta> whose property or name is `key` (lower
// case) and whose content is not blank.
std::string meta(const Page& page, std::string_view key) {
  for (const GumboNode* m : page.metas) {
    if (internal::iequals_ascii(attr(m, "property"), key) ||
        internal::iequals_ascii(attr(m, "name"), key)) {
      std::string value = collapse_space(attr(m, "content"));
      if (!value.empty()) return value;
    }
  }
  return {};
}

// The article of the first JSON-LD script that describes one, counting the
// scripts before it that are not JSON.
JsonLd json_ld_of(const Page& page) {
  JsonLd ld;
  simdjson::dom::parser parser;
  for (const GumboNode* s : page.scripts) {
    if (!internal::iequals_ascii(attr(s, "type"), "application/ld+json")) continue;
    // raw_text() skips <script> elements, so read the script's text children.
    std::string json;
    const GumboVector& kids = s->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i)
      raw_text(static_cast<const GumboNode*>(kids.data[i]), json);
    simdjson::dom::element root;
    if (parser.parse(json).get(root) != simdjson::SUCCESS) {
      ++ld.invalid_scripts;
      continue;
    }
    find_article(root, ld);
    if (ld.found) break;
  }
  return ld;
}

std::string source_of(const Page& page, const JsonLd& ld) {
  std::string source = meta(page, "og:site_name");
  return source.empty() ? collapse_space(ld.publisher) : source;
}

// "Tides rise | Coast Daily" -> "Tides rise" when the site is Coast Daily.
std::string without_site_suffix(std::string title, const std::string& source) {
  if (source.empty()) return title;
  for (std::string_view separator : {" | ", " - ", " \xE2\x80\x93 "}) {
    const std::string suffix = std::string(separator) + source;
    if (title.size() > suffix.size() &&
        title.compare(title.size() - suffix.size(), suffix.size(), suffix) == 0) {
      title.resize(title.size() - suffix.size());
    }
  }
  return title;
}

std::string title_of(const Page& page, const JsonLd& ld, const std::string& source) {
  std::string title = meta(page, "og:title");
  if (title.empty()) title = collapse_space(ld.headline);
  if (title.empty()) title = without_site_suffix(text_of(page.title), source);
  if (title.empty()) title = text_of(page.h1);
  return title;
}

std::string url_of(const Page& page) {
  for (const GumboNode* l : page.links) {
    if (!internal::iequals_ascii(attr(l, "rel"), "canonical")) continue;
    std::string href = attr(l, "href");
    if (!href.empty()) return href;
  }
  return meta(page, "og:url");
}

// The first date the page gives: article:published_time, JSON-LD's
// datePublished, the date metas, a <time datetime> in the <article>. When
// that one is no date, nullopt and `problem` says so.
std::optional<Timestamp> date_of(const Page& page, const JsonLd& ld, std::string& problem) {
  std::string date = meta(page, "article:published_time");
  if (date.empty() && (ld.published || !ld.date_problem.empty())) {
    problem = ld.date_problem;
    return ld.published;
  }
  for (const char* key : {"date", "pubdate", "dc.date"}) {
    if (date.empty()) date = meta(page, key);
  }
  for (const GumboNode* t : page.times) {
    if (date.empty()) date = attr(t, "datetime");
  }
  if (date.empty()) return std::nullopt;
  std::optional<Timestamp> parsed = parse_date(date);
  if (!parsed) problem = "not a date: \"" + date.substr(0, 60) + "\"; indexed without a date";
  return parsed;
}

// The page's metas whose name + property is one of `keys`, in page order.
std::vector<const GumboNode*> metas_named(const Page& page,
                                          std::initializer_list<std::string_view> keys) {
  std::vector<const GumboNode*> found;
  for (const GumboNode* m : page.metas) {
    const std::string key = internal::ascii_lower(attr(m, "name") + attr(m, "property"));
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) found.push_back(m);
  }
  return found;
}

std::vector<std::string> authors_of(const Page& page, const JsonLd& ld) {
  if (!ld.authors.empty()) return ld.authors;
  std::vector<std::string> authors;
  for (const GumboNode* m : metas_named(page, {"author", "article:author"})) {
    std::string value = collapse_space(attr(m, "content"));
    if (!value.empty()) authors.push_back(std::move(value));
  }
  return authors;
}

std::vector<std::string> topics_of(const Page& page) {
  std::vector<std::string> topics;
  for (const GumboNode* m : metas_named(page, {"article:section", "article:tag", "keywords"})) {
    for (std::string& topic : split_commas(attr(m, "content"))) topics.push_back(std::move(topic));
  }
  return topics;
}

// The primary subtag of <html lang>, lower case ("en-GB" -> "en").
std::string language_of(const Page& page) {
  if (!page.html) return {};
  const std::string lang = internal::ascii_lower(attr(page.html, "lang"));
  return collapse_space(lang.substr(0, lang.find_first_of("-_")));
}

// JSON-LD's articleBody, its paragraphs separated by blank lines.
std::string paragraphs_of_text(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string p = collapse_space(text.substr(start, end - start));
    if (!p.empty()) parts.push_back(std::move(p));
    start = end + 2;
  }
  return join(parts);
}

std::string paragraphs_under(const GumboNode* node) {
  std::vector<std::string> parts;
  const GumboVector& kids = node->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i)
    paragraphs(static_cast<const GumboNode*>(kids.data[i]), parts);
  return join(parts);
}

// The main text: JSON-LD's articleBody, else the paragraphs of the
// <article>, else those of the element with the most paragraph text.
std::string body_of(const Page& page, const JsonLd& ld) {
  std::string body = paragraphs_of_text(ld.body);
  if (body.empty() && page.article) body = paragraphs_under(page.article);
  if (body.empty() && page.best) body = paragraphs_under(page.best);
  return body;
}

}  // namespace

HtmlReader::HtmlReader(std::istream& in, std::string name)
    : ArticleReader(std::move(name)), in_(in) {}

std::string HtmlReader::read_page() {
  std::string bytes{std::istreambuf_iterator<char>(in_), std::istreambuf_iterator<char>()};
  if (in_.bad()) throw InputError(name(), 1, "", "read error");
  bytes_ = bytes.size();
  if (bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
  // The same decoding and repairs as XML feeds; a page that declares no
  // charset is taken for UTF-8 with Windows-1252 bytes, the web's default.
  decode_to_utf8(bytes, declared_charset(bytes),
                 [this](std::string message) { warn(1, "", std::move(message)); });
  return bytes;
}

void HtmlReader::bound_nesting(std::string& html) const {
  // gumbo's time grows with the square of the nesting depth and it frees
  // the tree recursively, so a hostile page of many thousands of nested
  // tags would hang or overflow the stack (see cut_deep_nesting).
  if (const std::optional<std::size_t> cut = cut_deep_nesting(html)) {
    warn(1, "",
         "page cut at byte " + std::to_string(*cut) + ": tags nested over " +
             std::to_string(kMaxHtmlNesting) + " deep");
  }
}

std::optional<Article> HtmlReader::next() {
  if (done_) return std::nullopt;
  done_ = true;
  record_ = 1;
  std::string html = read_page();
  bound_nesting(html);
  const GumboTree tree = parse_html(html);
  Page page;
  scan(tree->root, page, false);
  const JsonLd ld = json_ld_of(page);
  for (int i = 0; i < ld.invalid_scripts; ++i) warn(1, "", "invalid JSON-LD ignored");

  Article article;
  article.source = source_of(page, ld);
  article.title = title_of(page, ld, article.source);
  article.url = url_of(page);
  article.id = article.url;
  std::string date_problem;
  article.published = date_of(page, ld, date_problem);
  if (!date_problem.empty()) warn(1, "published", std::move(date_problem));
  article.authors = authors_of(page, ld);
  article.topics = topics_of(page);
  article.language = language_of(page);
  article.body = body_of(page, ld);
  return article;
}

}  // namespace newsdex::indexer
