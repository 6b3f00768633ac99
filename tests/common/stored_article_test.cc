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

TEST(StoredArticleTest, LongBodiesAreCompressedAndRoundTrip) {
  Article article;
  article.id = "nd-5";
  article.title = "Oil prices";
  for (int i = 0; i < 50; ++i) article.body += "Crude oil prices rose on Tuesday, traders said. ";
  const std::string record = encode_stored_article(article);
  EXPECT_LT(record.size(), article.body.size() / 4);
  EXPECT_EQ(decode_stored_article(record), article);
  EXPECT_GT(encode_stored_article(article, BodyEncoding::kPlain).size(), article.body.size());
  EXPECT_EQ(decode_stored_article(encode_stored_article(article, BodyEncoding::kPlain)), article);
}

TEST(StoredArticleTest, ShortAndIncompressibleBodiesStayPlain) {
  Article article;
  article.id = "nd-6";
  article.body = "Short.";
  EXPECT_NE(encode_stored_article(article).find("Short."), std::string::npos);
  // Bytes that no compressor shrinks.
  std::uint32_t state = 12345;
  for (int i = 0; i < 500; ++i) {
    state = state * 1664525u + 1013904223u;
    article.body.push_back(static_cast<char>(state >> 24));
  }
  EXPECT_NE(encode_stored_article(article).find(article.body), std::string::npos);
  EXPECT_EQ(decode_stored_article(encode_stored_article(article)), article);
}

TEST(StoredArticleTest, SkippingTheBodyKeepsEveryOtherField) {
  Article article;
  article.id = "nd-7";
  article.source = "Global Wire";
  article.title = "Chip exports";
  article.body = std::string(1000, 'x') + " and more";
  article.published = Timestamp{1709285415, false};
  article.places = {"china"};
  article.language = "en";
  Article expected = article;
  expected.body.clear();
  for (const BodyEncoding encoding : {BodyEncoding::kCompressed, BodyEncoding::kPlain}) {
    EXPECT_EQ(decode_stored_article(encode_stored_article(article, encoding), BodyDecoding::kSkip),
              expected);
  }
}

// The hash of an article (value slot 7) is taken over the plain record, so a
// change of zstd cannot make every article look changed.
TEST(StoredArticleTest, PlainRecordDoesNotDependOnCompression) {
  Article article;
  article.id = "nd-8";
  article.body = std::string(200, 'z');
  const std::string plain = encode_stored_article(article, BodyEncoding::kPlain);
  EXPECT_NE(plain.find(article.body), std::string::npos);
  EXPECT_EQ(plain, encode_stored_article(article, BodyEncoding::kPlain));
}

// Schema version 3 wrote the same fields, body in the middle and plain, under
// the magic "ND\x01": such an index must be rebuilt, and its records are
// refused rather than misread.
TEST(StoredArticleTest, RecordsOfSchemaVersion3AreIndexErrors) {
  const std::string version3 = std::string(
      "ND\x01"
      "\x04"
      "nd-9"
      "\x00"
      "\x00"
      "\x05"
      "Title"
      "\x04"
      "Body"
      "\x02"
      "en"
      "\x00"
      "\x00\x00\x00",
      28);
  EXPECT_THROW(decode_stored_article(version3), IndexError);
  EXPECT_THROW(decode_stored_article(version3, BodyDecoding::kSkip), IndexError);
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
  article.published = Timestamp{1709251200, true};
  article.authors = {"One", "Two"};
  // A plain body with a length of two varint bytes, and a compressed one.
  for (const BodyEncoding encoding : {BodyEncoding::kPlain, BodyEncoding::kCompressed}) {
    article.body = std::string(300, 'b');
    if (encoding == BodyEncoding::kCompressed) {
      for (int i = 0; i < 40; ++i) article.body += " word" + std::to_string(i * 7919 % 1000);
    }
    const std::string whole = encode_stored_article(article, encoding);
    for (std::size_t size = 0; size < whole.size(); ++size) {
      EXPECT_THROW(decode_stored_article(whole.substr(0, size)), IndexError) << size;
      EXPECT_THROW(decode_stored_article(whole.substr(0, size), BodyDecoding::kSkip), IndexError)
          << size;
    }
    EXPECT_THROW(decode_stored_article(whole + "x"), IndexError);
    for (std::size_t at = 0; at < whole.size(); ++at) {
      for (const int value : {0x00, 0x01, 0x7f, 0x80, 0xff}) {
        std::string damaged = whole;
        damaged[at] = static_cast<char>(value);
        for (const BodyDecoding decoding : {BodyDecoding::kDecode, BodyDecoding::kSkip}) {
          try {
            decode_stored_article(damaged, decoding);
          } catch (const IndexError&) {
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace newsdex::internal
