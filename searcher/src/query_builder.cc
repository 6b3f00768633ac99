#include "query_builder.h"

#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cctype>
#include <map>
#include <set>

#include "analysis/stopwords.h"
#include "date_filter.h"
#include "newsdex/common/error.h"
#include "newsdex/common/schema.h"
#include "query_rewriter.h"

namespace newsdex::searcher {
namespace {

// `field:value` as a filter on the normalised keyword term, so `source:BBC`
// and `source:bbc` mean the same.
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

// `date:2024-01..2024-06`; a bad date is reported and the filter dropped.
class DateFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit DateFieldProcessor(std::vector<std::string>& warnings) : warnings_(warnings) {}
  Xapian::Query operator()(const std::string& value) override {
    std::string error;
    if (auto query = date_range_query(value, error)) return *query;
    warnings_.push_back("date filter ignored: " + error);
    return match_all_query();
  }

 private:
  std::vector<std::string>& warnings_;
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
  static const QueryFields fields{
      {"title"}, {"source", "author", "topic", "place", "lang", "id", "date"}, {"body"}};
  return fields;
}

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                            Xapian::QueryParser::FLAG_LOVEHATE |
                            Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;

// A prefix wildcard expands to at most this many terms, the most frequent.
constexpr Xapian::termcount kMaxWildcardExpansion = 500;

// Keeps letters, digits and spaces only: the last resort for a query whose
// syntax QueryParser still cannot read after repair.
std::string words_only(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(byte >= 0x80 || std::isalnum(byte) ? c : ' ');
  }
  return out;
}

std::string_view prefix_of_filter_field(std::string_view field) {
  for (const KeywordField& known : kKeywordFields) {
    if (known.name == field) return known.prefix;
  }
  if (field == "language") return schema::kLanguagePrefix;
  if (field == "id") return schema::kIdPrefix;
  throw ConfigError("cannot filter on '" + std::string(field) +
                    "' (use source, author, topic, place, lang or id)");
}

// The bare word of a query token: no +/-, field:, quotes, brackets or *.
std::string_view bare_word(std::string_view token) {
  while (!token.empty() && (token.front() == '+' || token.front() == '-' || token.front() == '"' ||
                            token.front() == '(')) {
    token.remove_prefix(1);
  }
  if (const auto colon = token.find(':'); colon != std::string_view::npos) {
    token.remove_prefix(colon + 1);
  }
  while (!token.empty() && (token.front() == '"')) token.remove_prefix(1);
  while (!token.empty() && (token.back() == '"' || token.back() == ')' || token.back() == '*')) {
    token.remove_suffix(1);
  }
  return token;
}

bool indexed_in_any_form(const Xapian::Database& db, const Xapian::Stem& stemmer,
                         std::string_view word) {
  const std::string plain(word);
  const std::string stem = stemmer(plain);
  // Title words are in the text field too, so it alone tells.
  return db.term_exists(plain) || db.term_exists(std::string(schema::kStemMarker) + stem);
}

std::vector<std::string_view> split_spaces(std::string_view text) {
  std::vector<std::string_view> parts;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    if (space != 0) parts.push_back(text.substr(0, space));
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return parts;
}

// QueryParser's correction checks only the unprefixed, unstemmed form of a
// word; keep a correction only where the word is in the index in no form at
// all (body or title, as written or stemmed). Empty when nothing is left.
std::string confirmed_corrections(const Xapian::Database& db, const Xapian::Stem& stemmer,
                                  std::string_view original, std::string_view corrected) {
  if (corrected.empty()) return {};
  const auto before = split_spaces(original);
  const auto after = split_spaces(corrected);
  if (before.size() != after.size()) return std::string(corrected);
  std::string out;
  bool changed = false;
  for (std::size_t i = 0; i < before.size(); ++i) {
    std::string_view token = after[i];
    if (before[i] != after[i]) {
      if (indexed_in_any_form(db, stemmer, bare_word(before[i]))) {
        token = before[i];
      } else {
        changed = true;
      }
    }
    if (!out.empty()) out.push_back(' ');
    out.append(token);
  }
  return changed ? out : std::string();
}

bool is_cjk(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = c < 0 ? USCRIPT_INVALID_CODE : uscript_getScript(c, &status);
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA;
}

// The Han and kana words of `query`, in query order. Consecutive
// one-character terms are joined back into the word they came from: the
// analyser splits a word its dictionary lacks (芯片) into characters, which
// the query then holds as a phrase.
std::vector<std::string> cjk_words(const Xapian::Query& query) {
  std::set<std::string> words;
  std::string run;  // one-character terms so far
  const auto end_run = [&] {
    if (!run.empty()) words.insert(run);
    run.clear();
  };
  for (auto it = query.get_terms_begin(); it != query.get_terms_end(); ++it) {
    std::string term = *it;
    if (!term.empty() && term.front() == schema::kStemMarker.front()) term.erase(0, 1);
    if (!term.empty() && term.front() == schema::kTitlePrefix.front()) term.erase(0, 1);
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(term.data());
    const auto length = static_cast<std::int32_t>(term.size());
    std::int32_t characters = 0;
    bool all_cjk = length > 0;
    for (std::int32_t i = 0; i < length;) {
      UChar32 c;
      U8_NEXT(bytes, i, length, c);
      ++characters;
      all_cjk = all_cjk && is_cjk(c);
    }
    if (!all_cjk) {
      end_run();
    } else if (characters == 1) {
      run += term;
    } else {
      end_run();
      words.insert(term);
    }
  }
  end_run();
  return {words.begin(), words.end()};
}

}  // namespace

QueryBuilder::QueryBuilder(Analyzer& analyzer) : analyzer_(analyzer) {
  for (const KeywordField& field : kKeywordFields) {
    field_processors_.emplace_back(std::string(field.name),
                                   std::make_unique<KeywordFieldProcessor>(field.prefix));
  }
  field_processors_.emplace_back("id", std::make_unique<ExactFieldProcessor>(schema::kIdPrefix));
  field_processors_.emplace_back("date", std::make_unique<DateFieldProcessor>(parse_warnings_));
}

QueryBuilder::~QueryBuilder() = default;

BuiltQuery QueryBuilder::build(const Xapian::Database& db, const SearchRequest& request) {
  BuiltQuery built;
  built.language =
      request.language.empty() ? analyzer_.options().default_language : request.language;
  const std::string stemmer_name = Analyzer::stemmer_name(built.language);
  if (!stemmer_name.empty()) {
    built.stemmer = Xapian::Stem(stemmer_name);
  } else {
    built.warnings.push_back("no stemmer for language '" + built.language +
                             "': words are matched as written");
  }
  Xapian::Query query = parse(db, request, built);
  const Xapian::Query filter = filters(request);
  if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
  built.query = query;
  return built;
}

Xapian::Query QueryBuilder::parse(const Xapian::Database& db, const SearchRequest& request,
                                  BuiltQuery& built) {
  QueryFields fields = query_fields();
  fields.operators = request.operators;
  const std::string rewritten = rewrite_query(request.query, analyzer_, fields, built.warnings);
  if (rewritten.empty()) return match_all_query();

  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(built.stemmer);
  // Words are indexed as stems only, with positions (schema.h): every word
  // and phrase of a query is stemmed too.
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  // Outside phrases, function words only add noise to the ranking; inside
  // phrases QueryParser keeps them ("the state of the art").
  parser.set_stopper(stopper_for(built.language));
  parser.set_default_op(request.default_operator == DefaultOperator::kOr ? Xapian::Query::OP_OR
                                                                         : Xapian::Query::OP_AND);
  parser.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  // Unqualified words search the text field (title and body together).
  parser.add_prefix("", std::string(schema::kTextPrefix));
  parser.add_prefix("title", std::string(schema::kTitlePrefix));
  // Wildcards expand over terms as written, so the rewriter sends them
  // through these fields, which name the stems themselves.
  parser.add_prefix(std::string(kDefaultStemField),
                    std::string(schema::kStemMarker) + std::string(schema::kTextPrefix));
  parser.add_prefix("title" + std::string(kStemFieldSuffix),
                    std::string(schema::kStemMarker) + std::string(schema::kTitlePrefix));
  for (const auto& [field, processor] : field_processors_) {
    parser.add_boolean_prefix(field, processor.get());
  }

  parse_warnings_.clear();
  const unsigned spelling = request.suggest ? Xapian::QueryParser::FLAG_SPELLING_CORRECTION : 0;
  Xapian::Query query;
  try {
    query = parser.parse_query(rewritten, kFlags | spelling);
  } catch (const Xapian::QueryParserError& error) {
    built.warnings.push_back("query syntax not understood (" + error.get_msg() +
                             "); searched for its words instead");
    query = parser.parse_query(words_only(rewritten), spelling);
  }
  built.warnings.insert(built.warnings.end(), parse_warnings_.begin(), parse_warnings_.end());
  built.suggestion =
      confirmed_corrections(db, built.stemmer, rewritten, parser.get_corrected_query_string());
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string term = *it;
    // Word terms start with a lower-case letter, a digit or a non-ASCII
    // byte, or with the title prefix; filter terms with other capitals.
    const char first = term.empty() ? 'A' : term[0];
    if (!(first >= 'A' && first <= 'Z') || first == 'S' || first == 'Z') {
      built.has_words = true;
      break;
    }
  }
  if (query.empty()) return match_all_query();
  built.words_query = query;
  built.cjk_words = cjk_words(query);
  return query;
}

const Xapian::Stopper* QueryBuilder::stopper_for(const std::string& language) {
  auto found = stoppers_.find(language);
  if (found == stoppers_.end()) {
    const auto& words = analysis::stopwords(language);
    auto stopper = words.empty() ? nullptr : std::make_unique<Xapian::SimpleStopper>();
    for (std::string_view word : words) stopper->add(std::string(word));
    found = stoppers_.emplace(language, std::move(stopper)).first;
  }
  return found->second.get();
}

Xapian::Query QueryBuilder::filters(const SearchRequest& request) const {
  // Terms of one field are OR-ed, fields AND-ed, as in most search UIs.
  std::map<std::string_view, std::vector<Xapian::Query>> by_prefix;
  for (const Filter& filter : request.filters) {
    const std::string_view prefix = prefix_of_filter_field(filter.field);
    by_prefix[prefix].emplace_back(prefix == schema::kIdPrefix
                                       ? schema::exact_term(prefix, filter.value)
                                       : schema::keyword_term(prefix, filter.value));
  }
  std::vector<Xapian::Query> conditions;
  for (const auto& [prefix, terms] : by_prefix) {
    conditions.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }
  if (!request.since.empty() || !request.until.empty()) {
    std::string error;
    const auto range = since_until_query(request.since, request.until, error);
    if (!range) throw ConfigError(error);
    conditions.push_back(*range);
  }
  if (conditions.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, conditions.begin(), conditions.end());
}

}  // namespace newsdex::searcher
