#include "stored_article.h"

#include <gtest/gtest.h>

#include "newsdex/common/error.h"

namespace newsdex::internal {
namespace {

TEST(StoredArticleTest, RoundTripsEveryField) {
  Article article;
  article.id = "nd-1";
  article.source = "Global Wire";
  article.url = "https://example.test/a";
  article.title = "Chips \"and\" exports";
  article.body = "Line one.\n\nLine two: 芯片出口管制.";
  article.published = Timestamp{1709285415, false};
  article.authors = {"Ana Müller", "Li Wei"};
  article.topics = {"trade"};
  article.places = {"china", "usa"};
  article.language = "en";
  EXPECT_EQ(decode_stored_article(encode_stored_article(article)), article);
}

TEST(StoredArticleTest, DateOnlyPublicationSurvives) {
  Article article;
  article.id = "nd-2";
  article.published = Timestamp{1709251200, true};
  EXPECT_EQ(decode_stored_article(encode_stored_article(article)).published, article.published);
}

TEST(StoredArticleTest, ForeignDataIsAnIndexError) {
  EXPECT_THROW(decode_stored_article("not json"), IndexError);
}

}  // namespace
}  // namespace newsdex::internal
