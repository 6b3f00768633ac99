#include "json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

#include "newsdex/common/date.h"
#include "newsdex/searcher/json.h"

namespace newsdex::searcher {
namespace {

using internal::append_json_escaped;
using internal::append_json_number;

// What nlohmann's dump() makes of a string: the output to_json() kept.
std::string nlohmann_string(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string json_string(std::string_view text) {
  std::string out = "\"";
  append_json_escaped(out, text);
  return out + "\"";
}

std::string number(double value) {
  std::string out;
  append_json_number(out, value);
  return out;
}

TEST(JsonWriterTest, EscapesQuotesBackslashesAndEveryControlCharacter) {
  EXPECT_EQ(json_string("say \"hi\" \\ bye"), R"("say \"hi\" \\ bye")");
  EXPECT_EQ(json_string("a\nb\tc\rd\be\ff"), R"("a\nb\tc\rd\be\ff")");
  EXPECT_EQ(json_string(std::string("\0\x01\x1f\x7f", 4)), "\"\\u0000\\u0001\\u001f\x7f\"");
  for (int c = 0; c < 0x80; ++c) {
    const std::string text(1, static_cast<char>(c));
    EXPECT_EQ(json_string(text), nlohmann_string(text)) << c;
  }
}

TEST(JsonWriterTest, KeepsValidUtf8AsItIs) {
  for (const std::string text : {"Müller", "芯片出口管制", "emoji 😀 here", "\xF4\x8F\xBF\xBF",
                                 "\xEF\xBF\xBD", "\xED\x9F\xBF"}) {
    EXPECT_EQ(json_string(text), "\"" + text + "\"") << text;
  }
}

TEST(JsonWriterTest, ReplacesInvalidUtf8AsNlohmannDid) {
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_EQ(json_string("a\x80z"), "\"a" + replacement + "z\"");
  EXPECT_EQ(json_string("cut \xE2\x82"), "\"cut " + replacement + "\"");
  EXPECT_EQ(json_string("\xE2\x82"
                        "A"),
            "\"" + replacement + "A\"");
  for (const std::string text :
       {"\x80", "\xBF", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\x80", "\xE0\x9F\xBF", "\xED\xA0\x80",
        "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF",
        "\xFE\xFF", "\xC3", "\xE2\x82", "\xF0\x9F\x98", "\xC3\xC3\xA9", "ok\xE2\x82\xACok\xE2",
        "\xF0\x9F\x98"
        "\xF0\x9F\x98\x80"}) {
    EXPECT_EQ(json_string(text), nlohmann_string(text)) << text;
  }
}

// Strings of random bytes, mostly above 0x7f: every one as nlohmann wrote it.
TEST(JsonWriterTest, RandomBytesAreWrittenAsNlohmannWroteThem) {
  std::mt19937 random(15);
  const std::vector<unsigned char> alphabet = {'a',  '"',  '\\', 0x00, 0x1f, 0x7f, 0x80, 0x8f,
                                               0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0,
                                               0xe1, 0xed, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff};
  for (int round = 0; round < 20000; ++round) {
    std::string text(random() % 12, ' ');
    for (char& c : text) c = static_cast<char>(alphabet[random() % alphabet.size()]);
    ASSERT_EQ(json_string(text), nlohmann_string(text)) << ::testing::PrintToString(text);
  }
}

TEST(JsonWriterTest, WritesNumbersAsNlohmannDid) {
  for (const double value : {0.0,
                             -0.0,
                             1.0,
                             -1.0,
                             9.51,
                             0.0021,
                             0.5,
                             1e-4,
                             1e-5,
                             1.5e-7,
                             123.456,
                             1e15,
                             1e16,
                             1.25e16,
                             123456789012345.0,
                             1234567890123456.0,
                             1e100,
                             -2.5e-300,
                             5e-324,
                             0.1,
                             0.3,
                             2.0 / 3.0,
                             std::numeric_limits<double>::max(),
                             std::numeric_limits<double>::min()}) {
    EXPECT_EQ(number(value), nlohmann::json(value).dump()) << value;
  }
  EXPECT_EQ(number(std::nan("")), "null");
  EXPECT_EQ(number(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(number(-std::numeric_limits<double>::infinity()), "null");
}

// nlohmann's Grisu2 does not always find the shortest digits; ours are the
// shortest (std::to_chars): the same layout, never longer, read back exactly.
TEST(JsonWriterTest, RandomNumbersReadBackExactly) {
  std::mt19937_64 random(15);
  std::uniform_real_distribution<double> score(0, 40);
  std::uniform_int_distribution<int> power(-330, 308);
  int differing = 0;
  for (int round = 0; round < 100000; ++round) {
    const double value = round % 2 ? score(random) : score(random) * std::pow(10.0, power(random));
    if (!std::isfinite(value)) continue;
    const std::string ours = number(value);
    const std::string theirs = nlohmann::json(value).dump();
    ASSERT_EQ(std::strtod(ours.c_str(), nullptr), value) << ours;
    ASSERT_LE(ours.size(), theirs.size()) << ours << " " << theirs;
    ASSERT_EQ(ours.find('e') == std::string::npos, theirs.find('e') == std::string::npos)
        << ours << " " << theirs;
    differing += ours != theirs;
  }
  EXPECT_LT(differing, 1000);  // 114 of these 100,000 with nlohmann 3.11.2
}

TEST(JsonWriterTest, IntegersAndLiterals) {
  std::string out;
  internal::JsonWriter json(out);
  json.begin_array();
  json.value(std::uint64_t{0});
  json.value(std::numeric_limits<std::uint64_t>::max());
  json.value(std::uint32_t{42});
  json.value(true);
  json.value(false);
  json.null();
  json.value(std::vector<std::string>{});
  json.value(std::vector<std::string>{"a", "b"});
  json.end_array();
  EXPECT_EQ(out, R"([0,18446744073709551615,42,true,false,null,[],["a","b"]])");
}

// to_json() as it was, through an nlohmann::ordered_json tree: the reference
// the writer must match byte for byte.
std::string tree_json(const SearchResult& result, int indent) {
  using Json = nlohmann::ordered_json;
  const auto spans = [](const HighlightedText& text) {
    Json list = Json::array();
    for (const Span& span : text.highlights) list.push_back({span.start, span.end});
    return list;
  };
  Json hits = Json::array();
  for (const Hit& hit : result.hits) {
    hits.push_back({
        {"rank", hit.rank},
        {"id", hit.id},
        {"score", hit.score},
        {"title", hit.title.text},
        {"title_highlights", spans(hit.title)},
        {"source", hit.source},
        {"published", hit.published ? Json(format_iso8601(*hit.published)) : Json(nullptr)},
        {"url", hit.url},
        {"snippet", hit.snippet.text},
        {"highlights", spans(hit.snippet)},
        {"language", hit.language},
        {"authors", hit.authors},
        {"topics", hit.topics},
        {"places", hit.places},
        {"cluster", hit.cluster},
        {"duplicates", hit.duplicates},
        {"similar_sources", hit.similar_sources},
    });
  }
  Json facets = Json::object();
  bool facets_exact = true;
  for (const Facet& facet : result.facets) {
    Json values = Json::array();
    for (const FacetValue& value : facet.values) {
      values.push_back({{"value", value.value}, {"count", value.count}});
    }
    facets[facet.name] = std::move(values);
    facets_exact = facets_exact && facet.exact;
  }
  Json warnings = Json::array();
  for (const QueryWarning& warning : result.warnings) {
    warnings.push_back({{"code", std::string(query_warning_code_name(warning.code))},
                        {"fragment", warning.fragment},
                        {"message", warning.message}});
  }
  const Json object = {
      {"query", result.query},
      {"total",
       {{"estimate", result.total_estimate},
        {"lower", result.total_lower_bound},
        {"upper", result.total_upper_bound},
        {"exact", result.total_exact},
        {"collapsed", result.collapsed},
        {"articles", result.articles_estimate},
        {"articles_lower", result.articles_lower_bound},
        {"articles_upper", result.articles_upper_bound}}},
      {"ranking", result.ranking},
      {"freshness", result.freshness ? Json{{"half_life_days", result.freshness->half_life_days},
                                            {"now", result.freshness->now},
                                            {"max_boost", result.freshness->max_boost}}
                                     : Json(nullptr)},
      {"like", result.like.empty() ? Json(nullptr) : Json(result.like)},
      {"expansion_terms", result.expansion_terms},
      {"hits", std::move(hits)},
      {"facets", std::move(facets)},
      {"facets_exact", facets_exact},
      {"suggestion", result.suggestion.empty() ? Json(nullptr) : Json(result.suggestion)},
      {"warnings", std::move(warnings)},
      {"seconds", result.seconds},
  };
  return object.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

SearchResult sample_result() {
  SearchResult result;
  result.query = "chip \"export\" \xE2\x82";
  result.total_estimate = 12;
  result.total_lower_bound = 12;
  result.total_upper_bound = 12;
  result.total_exact = true;
  result.ranking = "fresh";
  result.freshness = AppliedFreshness{30, "2024-03-01", 2.25};
  result.like = "nd-0001";
  result.expansion_terms = {"semiconductor", "licens"};
  Hit first;
  first.rank = 1;
  first.id = "nd-0045";
  first.score = 9.51;
  first.title = {"U.S. tightens chip export controls", {{14, 18}, {19, 25}}};
  first.source = "Global Wire";
  first.published = Timestamp{1697552400, false};
  first.url = "https://www.globalwire.test/2023/10/17/";
  first.snippet = {"…exported chips\nunder \"existing\" licences…", {{3, 11}, {12, 17}}};
  first.language = "en";
  first.authors = {"Hannah Okafor", "Daniel Reyes"};
  first.topics = {"semiconductors"};
  first.places = {"usa", "china"};
  first.cluster = "9f2c51e0a7d3b814";
  first.duplicates = 2;
  first.similar_sources = {"Coastal Herald", "Metro Wire"};
  Hit second;
  second.rank = 2;
  second.id = "nd-\x01";
  second.published = Timestamp{1697500800, true};
  result.hits = {first, second};
  result.facets = {{"source", {{"Pacific Tech Daily", 6}, {"Global Wire", 5}}, 2, true},
                   {"date:month", {{"2021-11", 1}, {"2023-10", 4}}, 2, false},
                   {"source", {{"Only", 1}}, 1, true}};
  result.suggestion = "chip exports";
  result.warnings = {{QueryWarningCode::kUnbalancedQuote, "\"export \x01",
                      "unbalanced quote: the phrase was closed at the end of the query"}};
  result.seconds = 0.0021;
  return result;
}

TEST(JsonWriterTest, SearchResultsAreWrittenAsBefore) {
  const SearchResult full = sample_result();
  SearchResult empty;
  empty.seconds = 1e-05;
  for (const SearchResult* result : {&full, static_cast<const SearchResult*>(&empty)}) {
    for (const int indent : {-1, 0, 2, 4}) {
      EXPECT_EQ(to_json(*result, indent), tree_json(*result, indent)) << indent;
    }
  }
}

}  // namespace
}  // namespace newsdex::searcher
