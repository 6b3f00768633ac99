// canonical_url.h (internal) — the address of an article with what does not
// name the page taken away, so that two records of one page (a headline
// edited in place, a link shared with tracking parameters) meet
// (docs/news.md, "Same page, new headline").
#pragma once

#include <string>
#include <string_view>

namespace newsdex::indexer {

/// `url` reduced to what names the page: host in lower case without
/// "www." and without a default port, path without a trailing slash, query
/// parameters sorted and without the tracking ones (utm_*, fbclid, gclid,
/// ...), no fragment, and no scheme (http and https name one page). Empty
/// when `url` is not an http(s) address of a page below the site's root:
/// a home page or a bare site names no article.
std::string canonical_article_url(std::string_view url);

}  // namespace newsdex::indexer
