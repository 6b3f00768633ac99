// The canonical address of an article: what two records of one page share.
#include "canonical_url.h"

#include <gtest/gtest.h>

namespace newsdex::indexer {
namespace {

TEST(CanonicalUrlTest, TrackingParametersSchemeWwwAndTrailingSlashDoNotNameThePage) {
  const std::string page = "jamanetwork.com/journals/jamanetworkopen/fullarticle/2793913";
  EXPECT_EQ(canonical_article_url("https://jamanetwork.com/journals/jamanetworkopen/fullarticle/"
                                  "2793913?utm_source=For_The_Media&utm_medium=referral"),
            page);
  EXPECT_EQ(canonical_article_url("http://WWW.JamaNetwork.com:80/journals/jamanetworkopen/"
                                  "fullarticle/2793913/#comments"),
            page);
  EXPECT_EQ(canonical_article_url("  https://jamanetwork.com:443/journals/jamanetworkopen/"
                                  "fullarticle/2793913?fbclid=abc&gclid=def  "),
            page);
}

TEST(CanonicalUrlTest, OtherParametersNameThePageInAnyOrder) {
  EXPECT_EQ(canonical_article_url("https://example.com/story.php?id=12&lang=en&utm_campaign=x"),
            "example.com/story.php?id=12&lang=en");
  EXPECT_EQ(canonical_article_url("https://example.com/story.php?lang=en&id=12"),
            "example.com/story.php?id=12&lang=en");
  EXPECT_NE(canonical_article_url("https://example.com/story.php?id=12"),
            canonical_article_url("https://example.com/story.php?id=13"));
  // The path keeps its case: servers may tell /A from /a.
  EXPECT_EQ(canonical_article_url("https://example.com/News/A1"), "example.com/News/A1");
}

TEST(CanonicalUrlTest, HomePagesAndOtherAddressesNameNoArticle) {
  EXPECT_EQ(canonical_article_url("https://example.com/"), "");
  EXPECT_EQ(canonical_article_url("https://www.example.com"), "");
  EXPECT_EQ(canonical_article_url("https://example.com/?utm_source=feed"), "");
  EXPECT_EQ(canonical_article_url("ftp://example.com/file"), "");
  EXPECT_EQ(canonical_article_url("example.com/story"), "");
  EXPECT_EQ(canonical_article_url("https:///story"), "");
  EXPECT_EQ(canonical_article_url(""), "");
}

}  // namespace
}  // namespace newsdex::indexer
