// The request target and /api/search's parameters, in process: decoding and
// the mapping onto SearchRequest, field by field.
#include "search_parameters.h"

#include <gtest/gtest.h>

#include "http_error.h"
#include "request_target.h"

namespace {

using newsdex::server::HttpError;
using newsdex::server::parse_request_target;
using newsdex::server::parse_search_parameters;
using newsdex::server::percent_decode;
namespace searcher = newsdex::searcher;

searcher::SearchRequest request_for(std::string_view target) {
  return parse_search_parameters(parse_request_target(target).parameters).request;
}

TEST(RequestTargetTest, DecodesPercentEscapesAndPlus) {
  EXPECT_EQ(percent_decode("a+b%20c%2Bd", true), "a b c+d");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("%e8%8A%af", true), "\xe8\x8a\xaf");
  EXPECT_EQ(percent_decode("%00", true), std::string(1, '\0'));
  for (const char* bad : {"%", "%4", "%zz", "a%g1", "100%"}) {
    EXPECT_THROW(percent_decode(bad, true), HttpError) << bad;
  }
}

TEST(RequestTargetTest, SplitsPathAndParametersKeepingRepeatsInOrder) {
  const auto target = parse_request_target("/api/search?q=a%26b&facet=source&&facet=date&flag");
  EXPECT_EQ(target.path, "/api/search");
  ASSERT_EQ(target.parameters.size(), 4u);
  EXPECT_EQ(target.parameters[0], (std::pair<std::string, std::string>("q", "a&b")));
  EXPECT_EQ(target.parameters[1].second, "source");
  EXPECT_EQ(target.parameters[2].second, "date");
  EXPECT_EQ(target.parameters[3], (std::pair<std::string, std::string>("flag", "")));
  EXPECT_TRUE(parse_request_target("/").parameters.empty());
  EXPECT_EQ(parse_request_target("/a%2Fb?").path, "/a%2Fb");  // left encoded for routing
}

TEST(SearchParametersTest, DefaultsAreTheLibrarysAndTheClis) {
  const auto request = request_for("/api/search");
  const searcher::SearchRequest library;
  EXPECT_EQ(request.query, "");
  EXPECT_EQ(request.limit, library.limit);
  EXPECT_EQ(request.offset, library.offset);
  EXPECT_EQ(request.snippet_bytes, library.snippet_bytes);
  EXPECT_TRUE(request.collapse);
  EXPECT_TRUE(request.suggest);
  EXPECT_TRUE(request.synonyms);
  EXPECT_FALSE(request.freshness);
  EXPECT_EQ(request.similar_sources, 0u);
}

TEST(SearchParametersTest, MapsEveryParameter) {
  const auto request = request_for(
      "/x?q=chip+export&limit=5&offset=10&sort=newest&since=2023&until=2024-06"
      "&source=Global+Wire&source=BBC&author=Jo&topic=trade&place=china&lang=de"
      "&facet=source&facet=date:month&facet_limit=4&snippet_chars=80&any=true"
      "&suggest=false&synonyms=0&collapse=false");
  EXPECT_EQ(request.query, "chip export");
  EXPECT_EQ(request.limit, 5u);
  EXPECT_EQ(request.offset, 10u);
  EXPECT_EQ(request.sort, searcher::SortOrder::kNewest);
  EXPECT_EQ(request.since, "2023");
  EXPECT_EQ(request.until, "2024-06");
  ASSERT_EQ(request.filters.size(), 6u);
  EXPECT_EQ(request.filters[0].field, newsdex::Field::kSource);
  EXPECT_EQ(request.filters[0].value, "Global Wire");
  EXPECT_EQ(request.filters[1].value, "BBC");
  EXPECT_EQ(request.language, "de");
  ASSERT_EQ(request.facets.size(), 2u);
  EXPECT_EQ(request.facets[0].limit, 4u);
  EXPECT_EQ(request.facets[1].name(), "date:month");
  EXPECT_EQ(request.facets[1].limit, 4u);
  EXPECT_EQ(request.snippet_bytes, 80u);
  EXPECT_EQ(request.default_operator, searcher::DefaultOperator::kOr);
  EXPECT_FALSE(request.suggest);
  EXPECT_FALSE(request.synonyms);
  EXPECT_FALSE(request.collapse);
}

TEST(SearchParametersTest, DateFacetsShowEveryBucketUnlessLimited) {
  const auto request = request_for("/x?facet=date:month&facet=topic");
  EXPECT_EQ(request.facets[0].limit, 0u);
  EXPECT_EQ(request.facets[1].limit, 10u);
}

TEST(SearchParametersTest, FreshRanking) {
  const auto fresh = request_for("/x?q=a&rank=fresh&half_life=2.5&now=2024-03-01");
  ASSERT_TRUE(fresh.freshness);
  EXPECT_DOUBLE_EQ(fresh.freshness->half_life_days, 2.5);
  EXPECT_EQ(fresh.freshness->now, "2024-03-01");
  EXPECT_DOUBLE_EQ(request_for("/x?rank=fresh").freshness->half_life_days, 30);
  EXPECT_FALSE(request_for("/x?rank=relevance").freshness);
}

TEST(SearchParametersTest, DuplicatesOf) {
  const auto search =
      parse_search_parameters(parse_request_target("/x?duplicates_of=a%2Fb").parameters);
  EXPECT_EQ(search.duplicates_of, "a/b");
}

TEST(SearchParametersTest, LikeAndExpand) {
  const auto like =
      parse_search_parameters(parse_request_target("/x?like=a%2Fb&q=chip").parameters);
  EXPECT_EQ(like.like, "a/b");
  EXPECT_EQ(like.request.query, "chip");
  EXPECT_EQ(request_for("/x?q=a").expand, searcher::ExpandMode::kAuto);
  EXPECT_EQ(request_for("/x?q=a&expand=true").expand, searcher::ExpandMode::kOn);
  EXPECT_EQ(request_for("/x?q=a&expand=0").expand, searcher::ExpandMode::kOff);
  EXPECT_THROW(request_for("/x?like=a&duplicates_of=b"), HttpError);
  EXPECT_THROW(request_for("/x?like=a&expand=true"), HttpError);
  EXPECT_THROW(request_for("/x?like="), HttpError);
  EXPECT_THROW(request_for("/x?expand=perhaps"), HttpError);
}

TEST(SearchParametersTest, ErrorsAre400BadParameter) {
  try {
    request_for("/x?limit=abc");
    FAIL() << "no error";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 400u);
    EXPECT_EQ(e.code(), "bad_parameter");
    EXPECT_EQ(std::string(e.what()), "parameter 'limit': 'abc' is not a whole number");
  }
  EXPECT_THROW(request_for("/x?limit=+5"), HttpError);
  EXPECT_THROW(request_for("/x?limit= 5"), HttpError);
  EXPECT_THROW(request_for("/x?half_life=1e3&rank=fresh"), HttpError);
  EXPECT_THROW(request_for("/x?lang=%FF"), HttpError);
  EXPECT_NO_THROW(request_for("/x?q=%FF"));  // the query is repaired, not refused
}

}  // namespace
