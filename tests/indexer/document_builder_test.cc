#include "document_builder.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "near_duplicates.h"
#include "newsdex/common/schema.h"
#include "stored_article.h"

namespace newsdex::indexer {
namespace {

std::vector<std::string> terms_of(const Xapian::Document& doc) {
  return {doc.termlist_begin(), doc.termlist_end()};
}

bool has_term(const Xapian::Document& doc, const std::string& term) {
  const auto terms = terms_of(doc);
  return std::find(terms.begin(), terms.end(), term) != terms.end();
}

Article sample_article() {
  Article article;
  article.id = "nd-0001";
  article.source = "Global Wire";
  article.url = "https://example.test/chips";
  article.title = "Chip exports";
  article.body = "Exporters shipped chips.";
  article.published = Timestamp{1709285415, false};  // 2024-03-01T09:30:15Z
  article.authors = {"Ana Ruiz"};
  article.topics = {"Trade"};
  article.places = {"China"};
  article.language = "en";
  return article;
}

TEST(DocumentBuilderTest, MapsEveryFieldAsDocsSchemaSays) {
  Analyzer analyzer;
  DocumentBuilder builder(analyzer, 3);
  const Xapian::Document doc = builder.build(sample_article());

  // Title alone: ZS stems, with positions.
  EXPECT_TRUE(has_term(doc, "ZSchip"));
  EXPECT_TRUE(has_term(doc, "ZSexport"));
  // Title and body together: Z stems only, no word forms (schema.h).
  EXPECT_TRUE(has_term(doc, "Zexport"));
  EXPECT_TRUE(has_term(doc, "Zchip"));
  EXPECT_TRUE(has_term(doc, "Zship"));
  for (const char* form : {"exporters", "chips", "Sexports", "Schip"}) {
    EXPECT_FALSE(has_term(doc, form)) << form;
  }
  // Boolean filter terms.
  EXPECT_TRUE(has_term(doc, "Qnd-0001"));
  EXPECT_TRUE(has_term(doc, "XSRCglobal wire"));
  EXPECT_TRUE(has_term(doc, "Aana ruiz"));
  EXPECT_TRUE(has_term(doc, "Ktrade"));
  EXPECT_TRUE(has_term(doc, "XPchina"));
  EXPECT_TRUE(has_term(doc, "Len"));
  EXPECT_TRUE(has_term(doc, "Uhttps://example.test/chips"));
  EXPECT_TRUE(has_term(doc, "D20240301"));
  EXPECT_TRUE(has_term(doc, "M202403"));
  EXPECT_TRUE(has_term(doc, "Y2024"));
  // Values.
  EXPECT_EQ(doc.get_value(schema::kSlotDay), "20240301");
  EXPECT_EQ(doc.get_value(schema::kSlotMonth), "202403");
  EXPECT_EQ(doc.get_value(schema::kSlotSource), "Global Wire");
  EXPECT_EQ(doc.get_value(schema::kSlotLanguage), "en");
  EXPECT_EQ(Xapian::sortable_unserialise(doc.get_value(schema::kSlotTimestamp)), 1709285415.0);
  // Stored data gives the article back.
  EXPECT_EQ(internal::decode_stored_article(doc.get_data()), sample_article());
}

TEST(DocumentBuilderTest, TitleWordsWeighMoreAndPhrasesDoNotCrossFields) {
  Analyzer analyzer;
  DocumentBuilder builder(analyzer, 3);
  Article article = sample_article();
  article.title = "alpha";
  article.body = "alpha beta";
  const Xapian::Document doc = builder.build(article);
  bool saw_title = false;
  bool saw_text = false;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::vector<Xapian::termpos> positions(it.positionlist_begin(), it.positionlist_end());
    if (*it == "ZSalpha") {  // the title alone
      saw_title = true;
      EXPECT_EQ(it.get_wdf(), 1u);
      EXPECT_EQ(positions, std::vector<Xapian::termpos>{1});
    }
    if (*it == "Zalpha") {  // the text field: title (weight 3) and body (1)
      saw_text = true;
      EXPECT_EQ(it.get_wdf(), 4u);
      ASSERT_EQ(positions.size(), 2u);
      EXPECT_EQ(positions[0], 1u);
      EXPECT_GT(positions[1], 100u);  // a gap after the title
    }
    if (*it == "ZSbeta") {
      ADD_FAILURE() << "body word in the title field";
    }
  }
  EXPECT_TRUE(saw_title);
  EXPECT_TRUE(saw_text);
}

TEST(DocumentBuilderTest, StemsWithTheArticleLanguage) {
  Analyzer analyzer;
  DocumentBuilder builder(analyzer, 3);
  Article article = sample_article();
  article.title = "";
  article.body = "Die Exporte steigen";
  article.language = "de";
  const Xapian::Document doc = builder.build(article);
  EXPECT_TRUE(has_term(doc, "Zexport"));   // German stemmer
  EXPECT_TRUE(has_term(doc, "Zsteig"));    // "steigen" -> "steig" (German)
  EXPECT_TRUE(has_term(doc, "Zsteigen"));  // English stem too, for English-stemmed queries
  EXPECT_TRUE(has_term(doc, "Lde"));
}

TEST(DocumentBuilderTest, EnglishArticlesGetOneStemPerWord) {
  Analyzer analyzer;
  DocumentBuilder builder(analyzer, 3);
  for (const char* language : {"en", ""}) {
    Article article = sample_article();
    article.language = language;
    article.title = "";
    article.body = "exports";
    const Xapian::Document doc = builder.build(article);
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
      if (*it == "Zexport") {
        EXPECT_EQ(it.get_wdf(), 1u) << "language '" << language << "'";
      }
    }
  }
}

TEST(DocumentBuilderTest, DetectsTheLanguageOfUnlabelledArticles) {
  Analyzer analyzer;
  DocumentBuilder builder(analyzer, 3);
  Article article;
  article.id = "zh";
  article.title = "商务部回应美方芯片出口管制新规";
  EXPECT_TRUE(has_term(builder.build(article), "Lzh"));
}

TEST(DocumentBuilderTest, CompoundPartsHaveNoPositionsAndVariantsDo) {
  Analyzer analyzer;
  DocumentBuilder builder(analyzer, 3);
  Article article;
  article.id = "x";
  article.body = "Müller sent an e-mail";
  const Xapian::Document doc = builder.build(article);
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const auto positions = it.positionlist_count();
    if (*it == "Zemail" || *it == "Zmüller" || *it == "Zmuller") {
      EXPECT_EQ(positions, 1u) << *it;
    }
    if (*it == "Zmail") {
      EXPECT_EQ(positions, 0u);
    }
  }
  EXPECT_TRUE(has_term(doc, "Zmail"));
  EXPECT_TRUE(has_term(doc, "Zmuller"));
}

TEST(DocumentBuilderTest, SpellingWordsAreThoseOfTheLastArticleOnly) {
  // Regression: the list once kept growing across articles, making indexing
  // quadratic.
  Analyzer analyzer;
  DocumentBuilder builder(analyzer, 3);
  Article first = sample_article();
  first.title = "alpha beta";
  first.body = "alpha 1987";
  builder.build(first);
  EXPECT_EQ(builder.spelling_words(), (std::vector<std::string>{"alpha", "beta"}));
  Article second = sample_article();
  second.title = "gamma";
  second.body = "";
  builder.build(second);
  EXPECT_EQ(builder.spelling_words(), std::vector<std::string>{"gamma"});
}

TEST(DocumentBuilderTest, OmitsAbsentFields) {
  Analyzer analyzer;
  DocumentBuilder builder(analyzer, 3);
  Article article;
  article.id = "bare";
  const Xapian::Document doc = builder.build(article);
  // Alone until the indexer finds a copy: the term of the cluster it would
  // start, no key value; without text it has no fingerprint to find copies
  // by.
  const std::string own_key = new_cluster_key(schema::id_term("bare"), Fingerprint{});
  EXPECT_EQ(terms_of(doc), (std::vector<std::string>{"Qbare", "XDC" + own_key}));
  EXPECT_TRUE(doc.get_value(schema::kSlotCluster).empty());
  EXPECT_TRUE(doc.get_value(schema::kSlotFingerprint).empty());
  EXPECT_TRUE(doc.get_value(schema::kSlotTimestamp).empty());
}

}  // namespace
}  // namespace newsdex::indexer
