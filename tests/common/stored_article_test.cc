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

TEST(StoredArticleTest, DatesBefore1970AndFarAheadSurvive) {
  for (const std::int64_t seconds :
       {std::int64_t{-2208988800}, std::int64_t{0}, std::int64_t{-1}, std::int64_t{253402300799}}) {
    Article article;
    article.id = "nd-3";
    article.published = Timestamp{seconds, false};
    EXPECT_EQ(decode_stored_article(encode_stored_article(article)).published, article.published)
        << seconds;
  }
}

TEST(StoredArticleTest, ForeignDataIsAnIndexError) {
  EXPECT_THROW(decode_stored_article("not a record"), IndexError);
  EXPECT_THROW(decode_stored_article(R"({"id":"json of schema 2"})"), IndexError);
  EXPECT_THROW(decode_stored_article(""), IndexError);
}

// Every cut of a record, and every record with a byte changed, is either
// read or an IndexError: never a crash or a huge allocation.
TEST(StoredArticleTest, DamagedRecordsAreIndexErrors) {
  Article article;
  article.id = "nd-4";
  article.title = "A title";
  article.body = std::string(300, 'b');  // a length of two varint bytes
  article.published = Timestamp{1709251200, true};
  article.authors = {"One", "Two"};
  const std::string whole = encode_stored_article(article);
  for (std::size_t size = 0; size < whole.size(); ++size) {
    EXPECT_THROW(decode_stored_article(whole.substr(0, size)), IndexError) << size;
  }
  EXPECT_THROW(decode_stored_article(whole + "x"), IndexError);
  for (std::size_t at = 0; at < whole.size(); ++at) {
    for (const int value : {0x00, 0x7f, 0x80, 0xff}) {
      std::string damaged = whole;
      damaged[at] = static_cast<char>(value);
      try {
        decode_stored_article(damaged);
      } catch (const IndexError&) {
      }
    }
  }
}

}  // namespace
}  // namespace newsdex::internal
