#include "article_sanitizer.h"

#include <gtest/gtest.h>

#include "newsdex/common/error.h"

namespace newsdex::indexer {
namespace {

struct Collected {
  std::vector<std::string> warnings;
  std::function<void(std::string, std::string)> handler() {
    return [this](std::string field, std::string message) {
      warnings.push_back(field + ": " + message);
    };
  }
};

Article article_with_body(std::string body) {
  Article article;
  article.id = "a";
  article.title = "Title";
  article.body = std::move(body);
  return article;
}

TEST(ArticleSanitizerTest, RepairsInvalidUtf8AndControlCharacters) {
  Collected collected;
  static constexpr char kRaw[] = "bad \xff byte, NUL \0 and bell \a end";
  Article article = article_with_body(std::string(kRaw, sizeof kRaw - 1));
  sanitize_article(article, {}, "f", 1, collected.handler());
  EXPECT_EQ(article.body, "bad \xEF\xBF\xBD byte, NUL  and bell  end");
  ASSERT_EQ(collected.warnings.size(), 2u);
  EXPECT_EQ(collected.warnings[0], "body: invalid UTF-8 replaced by U+FFFD (1)");
  EXPECT_EQ(collected.warnings[1], "body: removed 2 control characters");
}

TEST(ArticleSanitizerTest, KeepsParagraphsInTheBodyButFlattensSingleLineFields) {
  Collected collected;
  Article article = article_with_body("One.\n\nTwo.");
  article.title = "  Split\ntitle \t";
  article.source = " Global Wire ";
  sanitize_article(article, {}, "f", 1, collected.handler());
  EXPECT_EQ(article.body, "One.\n\nTwo.");
  EXPECT_EQ(article.title, "Split title");
  EXPECT_EQ(article.source, "Global Wire");
  EXPECT_TRUE(collected.warnings.empty());
}

TEST(ArticleSanitizerTest, CutsOverlongFieldsOnACharacterBoundary) {
  Collected collected;
  std::string body;
  for (int i = 0; i < 100; ++i) body += "é";  // 200 bytes
  Article article = article_with_body(body);
  SanitizeOptions options;
  options.max_field_bytes = 51;
  sanitize_article(article, options, "f", 1, collected.handler());
  EXPECT_EQ(article.body.size(), 50u);
  ASSERT_EQ(collected.warnings.size(), 1u);
  EXPECT_EQ(collected.warnings[0], "body: cut from 200 to 50 bytes (limit 51)");
}

TEST(ArticleSanitizerTest, DerivesAMissingIdFromTheUrlOrTheContent) {
  Collected collected;
  Article with_url = article_with_body("text");
  with_url.id = "";
  with_url.url = "https://example.test/a";
  sanitize_article(with_url, {}, "f", 1, collected.handler());
  EXPECT_EQ(with_url.id, "https://example.test/a");

  Article without_url = article_with_body("text");
  without_url.id = "   ";
  sanitize_article(without_url, {}, "f", 2, collected.handler());
  EXPECT_EQ(without_url.id.size(), 17u);
  EXPECT_EQ(without_url.id.front(), 'h');
  Article same = article_with_body("text");
  same.id = "";
  sanitize_article(same, {}, "f", 3, collected.handler());
  EXPECT_EQ(same.id, without_url.id);  // stable: re-importing finds the same article
  EXPECT_EQ(collected.warnings.size(), 3u);
}

TEST(ArticleSanitizerTest, RejectsAnArticleWithNeitherTitleNorBody) {
  Collected collected;
  Article article;
  article.id = "empty";
  article.body = " \n ";
  try {
    sanitize_article(article, {}, "feed.jsonl", 7, collected.handler());
    FAIL() << "accepted an empty article";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "feed.jsonl:7: title: the article has neither a title nor a body");
  }
}

TEST(ArticleSanitizerTest, DropsEmptyListItems) {
  Collected collected;
  Article article = article_with_body("x");
  article.authors = {" Ana Ruiz ", "", "  "};
  sanitize_article(article, {}, "f", 1, collected.handler());
  EXPECT_EQ(article.authors, std::vector<std::string>{"Ana Ruiz"});
}

TEST(ArticleSanitizerTest, ContentHashChangesWithAnyField) {
  Article a = article_with_body("x");
  Article b = a;
  EXPECT_EQ(content_hash(a), content_hash(b));
  b.topics = {"trade"};
  EXPECT_NE(content_hash(a), content_hash(b));
}

}  // namespace
}  // namespace newsdex::indexer
