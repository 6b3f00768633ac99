#include "newsdex/common/schema.h"

#include <gtest/gtest.h>

#include <set>

#include "newsdex/common/fields.h"

namespace newsdex::schema {
namespace {

TEST(SchemaTest, NormalizesKeywordsForFiltering) {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"BBC", "bbc"},
      {"  The   Guardian ", "the guardian"},
      {"Süddeutsche\tZeitung", "süddeutsche zeitung"},
      {"STRASSE", "strasse"},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(normalize_keyword(c.input), c.expected) << c.input;
}

TEST(SchemaTest, KeywordTermIsPrefixPlusNormalizedValue) {
  EXPECT_EQ(keyword_term(kSourcePrefix, "Global Wire"), "XSRCglobal wire");
  EXPECT_EQ(keyword_term(kTopicPrefix, "Trade"), "Ktrade");
  EXPECT_EQ(id_term("Reuters-001"), "QReuters-001");
}

TEST(SchemaTest, LongValuesStayUnderXapianTermLimitAndDistinct) {
  const std::string long_a = "https://example.test/" + std::string(400, 'a');
  const std::string long_b = "https://example.test/" + std::string(399, 'a') + "b";
  const std::string term_a = exact_term(kUrlPrefix, long_a);
  const std::string term_b = exact_term(kUrlPrefix, long_b);
  EXPECT_LE(term_a.size(), kMaxTermBytes);
  EXPECT_LE(term_b.size(), kMaxTermBytes);
  EXPECT_NE(term_a, term_b);
  EXPECT_EQ(term_a, exact_term(kUrlPrefix, long_a));  // stable
}

TEST(SchemaTest, ShortenedTermsCutOnCharacterBoundary) {
  std::string value;
  for (int i = 0; i < 200; ++i) value += "é";  // two bytes each
  const std::string term = keyword_term(kAuthorPrefix, value);
  EXPECT_LE(term.size(), kMaxTermBytes);
  // The text part before the '#' hash must be whole two-byte characters.
  const auto hash = term.find('#');
  ASSERT_NE(hash, std::string::npos);
  EXPECT_EQ((hash - kAuthorPrefix.size()) % 2, 0u);
}

}  // namespace
}  // namespace newsdex::schema

namespace newsdex {
namespace {

TEST(SchemaTest, ClusterKeysAreStoredAsEightBytesInKeyOrder) {
  const std::string key = "00ff10a0b1c2d3e4";
  const std::string value = schema::cluster_value(key);
  ASSERT_EQ(value.size(), 8u);
  EXPECT_EQ(static_cast<unsigned char>(value[0]), 0x00);
  EXPECT_EQ(static_cast<unsigned char>(value[1]), 0xff);
  EXPECT_EQ(schema::cluster_key(value), key);
  // Byte order is key order, so the smallest key is the smallest value.
  EXPECT_LT(schema::cluster_value("0fffffffffffffff"), schema::cluster_value("1000000000000000"));
  // Anything else is no key at all.
  EXPECT_EQ(schema::cluster_value("00FF10A0B1C2D3E4"), "");
  EXPECT_EQ(schema::cluster_value("00ff10a0"), "");
  EXPECT_EQ(schema::cluster_value("00ff10a0b1c2d3eg"), "");
  EXPECT_EQ(schema::cluster_key("short"), "");
}

TEST(FieldTableTest, EveryFieldIsNamedOnceAndFoundByNameAndAlias) {
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < all_fields().size(); ++i) {
    const FieldSpec& spec = all_fields()[i];
    EXPECT_EQ(static_cast<std::size_t>(spec.field), i) << spec.name;
    EXPECT_TRUE(names.insert(spec.name).second) << spec.name;
    if (!spec.alias.empty()) {
      EXPECT_TRUE(names.insert(spec.alias).second) << spec.alias;
    }
    EXPECT_EQ(find_field(spec.name), &spec);
    EXPECT_EQ(&field_spec(spec.field), &spec);
    // Text fields are searched, the others filter.
    EXPECT_EQ(spec.filterable, spec.kind != FieldKind::kText) << spec.name;
  }
  EXPECT_EQ(find_field("language")->field, Field::kLanguage);
  EXPECT_EQ(find_field("colour"), nullptr);
  EXPECT_EQ(find_field(""), nullptr);
  EXPECT_EQ(field_spec(Field::kSource).prefix, schema::kSourcePrefix);
  EXPECT_EQ(field_spec(Field::kSource).facet_slot, static_cast<int>(schema::kSlotSource));
  EXPECT_TRUE(field_spec(Field::kTopic).multi_valued);
  EXPECT_EQ(field_names([](const FieldSpec& f) { return f.facet_slot >= 0; }),
            "source, topic, place, lang or date");
}

}  // namespace
}  // namespace newsdex
