#include "query_builder.h"

#include <cctype>
#include <memory>

#include "newsdex/common/schema.h"
#include "query_rewriter.h"

namespace newsdex::searcher {
namespace {

// Turns `field:value` into a filter on the normalised keyword term, so
// `source:BBC` and `source:bbc` mean the same.
class KeywordFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit KeywordFieldProcessor(std::string_view prefix) : prefix_(prefix) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(schema::keyword_term(prefix_, value));
  }

 private:
  std::string prefix_;
};

// `id:` is case-sensitive and taken verbatim.
class ExactFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit ExactFieldProcessor(std::string_view prefix) : prefix_(prefix) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(schema::exact_term(prefix_, value));
  }

 private:
  std::string prefix_;
};

struct KeywordField {
  std::string_view name;
  std::string_view prefix;
};

constexpr KeywordField kKeywordFields[] = {
    {"source", schema::kSourcePrefix}, {"author", schema::kAuthorPrefix},
    {"topic", schema::kTopicPrefix},   {"place", schema::kPlacePrefix},
    {"lang", schema::kLanguagePrefix},
};

const QueryFields& query_fields() {
  static const QueryFields fields{{"title", "body"},
                                  {"source", "author", "topic", "place", "lang", "id"}};
  return fields;
}

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                            Xapian::QueryParser::FLAG_LOVEHATE |
                            Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;

// Keeps letters, digits and spaces only: the last resort for a query whose
// syntax cannot be parsed at all.
std::string words_only(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(byte >= 0x80 || std::isalnum(byte) ? c : ' ');
  }
  return out;
}

}  // namespace

QueryBuilder::QueryBuilder(Analyzer& analyzer) : analyzer_(analyzer) {
  for (const KeywordField& field : kKeywordFields) {
    field_processors_.emplace_back(std::string(field.name),
                                   std::make_unique<KeywordFieldProcessor>(field.prefix));
  }
  field_processors_.emplace_back("id", std::make_unique<ExactFieldProcessor>(schema::kIdPrefix));
}

QueryBuilder::~QueryBuilder() = default;

BuiltQuery QueryBuilder::build(const Xapian::Database& db, std::string_view query,
                               std::string_view language) {
  BuiltQuery built;
  built.language = language.empty() ? analyzer_.options().default_language : std::string(language);
  const std::string stemmer_name = Analyzer::stemmer_name(built.language);
  if (!stemmer_name.empty()) {
    built.stemmer = Xapian::Stem(stemmer_name);
  } else {
    built.warnings.push_back("no stemmer for language '" + built.language +
                             "': words are matched as written");
  }

  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(built.stemmer);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  // Unqualified words search the body and the title.
  parser.add_prefix("", std::string(schema::kBodyPrefix));
  parser.add_prefix("", std::string(schema::kTitlePrefix));
  parser.add_prefix("title", std::string(schema::kTitlePrefix));
  parser.add_prefix("body", std::string(schema::kBodyPrefix));
  for (const auto& [field, processor] : field_processors_) {
    parser.add_boolean_prefix(field, processor.get());
  }

  const std::string rewritten = rewrite_query(query, analyzer_, query_fields());
  if (rewritten.find_first_not_of(" \t\r\n") == std::string::npos) {
    built.query = Xapian::Query::MatchAll;
    built.match_all = true;
    return built;
  }
  try {
    built.query = parser.parse_query(rewritten, kFlags);
  } catch (const Xapian::QueryParserError& error) {
    built.warnings.push_back("query syntax not understood (" + error.get_msg() +
                             "); searched for its words instead");
    built.query = parser.parse_query(words_only(rewritten), 0);
  }
  if (built.query.empty()) {
    built.query = Xapian::Query::MatchAll;
    built.match_all = true;
  }
  return built;
}

}  // namespace newsdex::searcher
