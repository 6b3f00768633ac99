#include "newsdex/searcher/json.h"

#include "json_writer.h"
#include "newsdex/common/date.h"

namespace newsdex::searcher {
namespace {

using internal::JsonWriter;

void write_spans(JsonWriter& json, const HighlightedText& text) {
  json.begin_array();
  for (const Span& span : text.highlights) {
    json.begin_array();
    json.value(span.start);
    json.value(span.end);
    json.end_array();
  }
  json.end_array();
}

void write_hit(JsonWriter& json, const Hit& hit) {
  json.begin_object();
  json.key("rank");
  json.value(hit.rank);
  json.key("id");
  json.value(hit.id);
  json.key("score");
  json.value(hit.score);
  json.key("title");
  json.value(hit.title.text);
  json.key("title_highlights");
  write_spans(json, hit.title);
  json.key("source");
  json.value(hit.source);
  json.key("published");
  if (hit.published) {
    json.value(format_iso8601(*hit.published));
  } else {
    json.null();
  }
  json.key("url");
  json.value(hit.url);
  json.key("snippet");
  json.value(hit.snippet.text);
  json.key("highlights");
  write_spans(json, hit.snippet);
  json.key("language");
  json.value(hit.language);
  json.key("authors");
  json.value(hit.authors);
  json.key("topics");
  json.value(hit.topics);
  json.key("places");
  json.value(hit.places);
  json.key("cluster");
  json.value(hit.cluster);
  json.key("duplicates");
  json.value(hit.duplicates);
  json.key("similar_sources");
  json.value(hit.similar_sources);
  json.end_object();
}

void write_facets(JsonWriter& json, const std::vector<Facet>& facets) {
  json.begin_object();
  for (std::size_t i = 0; i < facets.size(); ++i) {
    // A name requested twice is one key, at its first place, with the last
    // counts (as the JSON object this output was first made from did).
    bool seen = false;
    for (std::size_t j = 0; j < i && !seen; ++j) seen = facets[j].name == facets[i].name;
    if (seen) continue;
    const Facet* last = &facets[i];
    for (std::size_t j = i + 1; j < facets.size(); ++j) {
      if (facets[j].name == facets[i].name) last = &facets[j];
    }
    json.key(facets[i].name);
    json.begin_array();
    for (const FacetValue& value : last->values) {
      json.begin_object();
      json.key("value");
      json.value(value.value);
      json.key("count");
      json.value(value.count);
      json.end_object();
    }
    json.end_array();
  }
  json.end_object();
}

}  // namespace

std::string to_json(const SearchResult& result, int indent) {
  std::string out;
  out.reserve(1024 + result.hits.size() * 1024);
  JsonWriter json(out, indent);
  json.begin_object();
  json.key("query");
  json.value(result.query);
  json.key("total");
  json.begin_object();
  json.key("estimate");
  json.value(result.total_estimate);
  json.key("lower");
  json.value(result.total_lower_bound);
  json.key("upper");
  json.value(result.total_upper_bound);
  json.key("exact");
  json.value(result.total_exact);
  json.key("collapsed");
  json.value(result.collapsed);
  json.key("articles");
  json.value(result.articles_estimate);
  json.key("articles_lower");
  json.value(result.articles_lower_bound);
  json.key("articles_upper");
  json.value(result.articles_upper_bound);
  json.end_object();
  json.key("ranking");
  json.value(result.ranking);
  json.key("freshness");
  if (result.freshness) {
    json.begin_object();
    json.key("half_life_days");
    json.value(result.freshness->half_life_days);
    json.key("now");
    json.value(result.freshness->now);
    json.key("max_boost");
    json.value(result.freshness->max_boost);
    json.end_object();
  } else {
    json.null();
  }
  json.key("like");
  if (result.like.empty()) {
    json.null();
  } else {
    json.value(result.like);
  }
  json.key("expansion_terms");
  json.begin_array();
  for (const std::string& term : result.expansion_terms) json.value(term);
  json.end_array();
  json.key("hits");
  json.begin_array();
  for (const Hit& hit : result.hits) write_hit(json, hit);
  json.end_array();
  json.key("facets");
  write_facets(json, result.facets);
  bool facets_exact = true;
  for (const Facet& facet : result.facets) facets_exact = facets_exact && facet.exact;
  json.key("facets_exact");
  json.value(facets_exact);
  json.key("suggestion");
  if (result.suggestion.empty()) {
    json.null();
  } else {
    json.value(result.suggestion);
  }
  json.key("warnings");
  json.begin_array();
  for (const QueryWarning& warning : result.warnings) {
    json.begin_object();
    json.key("code");
    json.value(query_warning_code_name(warning.code));
    json.key("fragment");
    json.value(warning.fragment);
    json.key("message");
    json.value(warning.message);
    json.end_object();
  }
  json.end_array();
  // Only when some shards of a sharded index did not answer (allow_partial),
  // so that results from every shard read exactly as before.
  if (result.partial) {
    json.key("partial");
    json.value(true);
    json.key("missing_shards");
    json.begin_array();
    for (const std::string& shard : result.missing_shards) json.value(shard);
    json.end_array();
  }
  json.key("seconds");
  json.value(result.seconds);
  json.end_object();
  return out;
}

std::string to_json(const Article& article, int indent) {
  std::string out;
  out.reserve(512 + article.body.size());
  JsonWriter json(out, indent);
  json.begin_object();
  json.key("id");
  json.value(article.id);
  json.key("source");
  json.value(article.source);
  json.key("url");
  json.value(article.url);
  json.key("title");
  json.value(article.title);
  json.key("body");
  json.value(article.body);
  json.key("published");
  if (article.published) {
    json.value(format_iso8601(*article.published));
  } else {
    json.null();
  }
  json.key("authors");
  json.value(article.authors);
  json.key("language");
  json.value(article.language);
  json.key("topics");
  json.value(article.topics);
  json.key("places");
  json.value(article.places);
  json.end_object();
  return out;
}

}  // namespace newsdex::searcher
