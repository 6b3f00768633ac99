#include "query_builder.h"

#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "analysis/stopwords.h"
#include "date_filter.h"
#include "newsdex/common/error.h"
#include "newsdex/common/schema.h"
#include "query_parser.h"
#include "spelling_suggester.h"
#include "synonym_key.h"

namespace newsdex::searcher {
namespace {

using Kind = QueryNode::Kind;
using Modifier = QueryNode::Modifier;

// A prefix wildcard expands to at most this many terms, the most frequent.
constexpr Xapian::termcount kMaxWildcardExpansion = 500;

bool is_cjk(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = c < 0 ? USCRIPT_INVALID_CODE : uscript_getScript(c, &status);
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA;
}

bool is_cjk_text(std::string_view text) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  if (length == 0) return false;
  for (std::int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (!is_cjk(c)) return false;
  }
  return true;
}

bool is_one_character(std::string_view text) {
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  if (length > 0) U8_FWD_1(reinterpret_cast<const std::uint8_t*>(text.data()), i, length);
  return length > 0 && i == length;
}

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
  if (parts.empty()) return {};
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(op, parts.begin(), parts.end());
}

// Turns one parsed query into a Xapian::Query. Absent parts (a word with
// nothing searchable, a bad date) come back as an empty Xapian::Query and
// drop out of the operators around them.
class TreeBuilder {
 public:
  TreeBuilder(Analyzer& analyzer, const SearchRequest& request, std::string language,
              SpellingSuggester* suggester, const Xapian::Database* synonyms,
              std::size_t synonym_max_words, std::vector<QueryWarning>& warnings,
              std::vector<HighlightTerm>& highlights, std::set<std::string>& cjk_words,
              const Xapian::Database* expand_wildcards_in = nullptr)
      : analyzer_(analyzer),
        language_(std::move(language)),
        stopwords_(analysis::stopwords(language_)),
        default_op_(request.default_operator == DefaultOperator::kOr ? Xapian::Query::OP_OR
                                                                     : Xapian::Query::OP_AND),
        suggester_(suggester),
        expand_wildcards_in_(expand_wildcards_in),
        synonyms_(synonyms),
        synonym_max_words_(synonyms == nullptr ? 0 : synonym_max_words),
        warnings_(warnings),
        highlights_(highlights),
        cjk_words_(cjk_words) {}

  Xapian::Query build(const QueryNode& node) {
    switch (node.kind) {
      case Kind::kWord:
        return word(node);
      case Kind::kPhrase:
        return phrase(node);
      case Kind::kFilter: {
        // A filter alone: matches without weight, like QueryParser's.
        const Xapian::Query filter = filter_query(node);
        if (filter.empty()) return {};
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filter, 0.0);
      }
      case Kind::kNear:
      case Kind::kAdj:
        return proximity(node);
      case Kind::kSequence:
        return sequence(node);
      case Kind::kAnd:
        return either_or_both(Xapian::Query::OP_AND, node);
      case Kind::kOr:
        return either_or_both(Xapian::Query::OP_OR, node);
      case Kind::kXor:
        return either_or_both(Xapian::Query::OP_XOR, node);
      case Kind::kAndNot: {
        Xapian::Query left = build(node.children[0]);
        Xapian::Query right = build_excluded(node.children[1]);
        if (right.empty()) return left;
        return Xapian::Query(Xapian::Query::OP_AND_NOT, left.empty() ? match_all_query() : left,
                             right);
      }
      case Kind::kAllBut: {
        const Xapian::Query all_but = build_excluded(node.children[0]);
        if (all_but.empty()) return {};
        return Xapian::Query(Xapian::Query::OP_AND_NOT, match_all_query(), all_but);
      }
    }
    return {};
  }

  bool has_words() const { return has_words_; }

 private:
  Xapian::Query build_excluded(const QueryNode& node) {
    ++excluding_;
    Xapian::Query query = build(node);
    --excluding_;
    return query;
  }

  // The searchable units of `text`: one per word position, each with its
  // diacritic-free variant when it has one. Parts of compounds are left out:
  // the compound itself ("email" for "e-mail") matches both spellings.
  struct Unit {
    Token exact;
    std::optional<Token> folded;
    std::optional<Token> spelt;  // umlauts spelt out ("mueller")

    // The form used in phrases and filters of fields: variants sit at the
    // same position as the accented word, so the folded form matches both.
    const Token& plain() const { return folded ? *folded : exact; }
  };

  std::vector<Unit> units_of(std::string_view text) {
    tokens_.clear();
    analyzer_.tokenize(text, tokens_, 0);
    std::vector<Unit> found;
    for (const Token& token : tokens_) {
      if (token.role == TokenRole::kWord) found.push_back({token, {}, {}});
      // The analyzer emits the folded variant first, then the spelt-out one.
      if (token.role == TokenRole::kVariant && !found.empty()) {
        (found.back().folded ? found.back().spelt : found.back().folded) = token;
      }
    }
    return found;
  }

  std::vector<Unit> units(const QueryNode& node) {
    std::vector<Unit> found = units_of(node.text);
    if (excluding_ == 0) note_cjk_words(found);
    // Unqualified words (title words are in the text field too) may be
    // misspelt; the corrector is asked only about words the index lacks.
    if (suggester_ != nullptr && node.field == Field::kText && !node.wildcard) {
      for (const Unit& unit : found) {
        // A word with synonyms ("USA" for "United States") is found
        // through them, even if the index lacks it.
        if (node.kind == Kind::kWord && !synonyms_of({unit.plain()}).empty()) continue;
        suggester_->check(unit.exact, node.span.start + unit.exact.start,
                          node.span.start + unit.exact.end);
      }
    }
    return found;
  }

  // The Han and kana words among `found`. Runs of one-character units are
  // joined back into the word they came from: the analyser splits a word its
  // dictionary lacks (芯片) into characters.
  void note_cjk_words(const std::vector<Unit>& found) {
    std::string run;
    const auto end_run = [&] {
      if (!run.empty()) cjk_words_.insert(run);
      run.clear();
    };
    for (const Unit& unit : found) {
      const std::string& text = unit.exact.term;
      if (!is_cjk_text(text)) {
        end_run();
      } else if (is_one_character(text)) {
        run += text;
      } else {
        end_run();
        cjk_words_.insert(text);
      }
    }
    end_run();
  }

  // "Z" + the field's prefix + the stem: how the indexer wrote the word.
  Xapian::Query term(Field field, const Token& token) {
    std::string stem = analyzer_.stem(token, language_);
    std::string name(schema::kStemMarker);
    name += field_spec(field).prefix;
    name += stem;
    has_words_ = true;
    Xapian::Query query(name, 1, ++position_);
    if (excluding_ == 0) highlights_.push_back({std::move(stem), std::move(name), false});
    return query;
  }

  // The units as a phrase (one unit: just its term).
  Xapian::Query phrase_of(Field field, const std::vector<Unit>& found) {
    std::vector<Xapian::Query> terms;
    terms.reserve(found.size());
    for (const Unit& unit : found) terms.push_back(term(field, unit.plain()));
    if (terms.size() == 1) return terms.front();
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                         static_cast<Xapian::termcount>(terms.size()));
  }

  Xapian::Query word(const QueryNode& node) {
    const std::vector<Unit> found = units(node);
    if (found.empty()) return {};  // nothing searchable, e.g. "&" or "--"
    Xapian::Query query = word_as_written(node, found);
    if (node.wildcard || found.size() != 1) return query;
    return with_synonyms(std::move(query), node.field, {found.front().plain()});
  }

  // What OP_WILDCARD expands `pattern` to, expanded here over every shard:
  // Xapian 1.4 expands a wildcard in each database of a sharded index
  // separately, and weighs it with that shard's statistics, not the
  // index's (scores then differ from one database's: docs/scaling.md).
  Xapian::Query expanded_wildcard(const std::string& pattern) const {
    std::vector<std::pair<Xapian::doccount, std::string>> terms;
    const Xapian::Database& db = *expand_wildcards_in_;
    for (auto it = db.allterms_begin(pattern); it != db.allterms_end(pattern); ++it) {
      terms.emplace_back(it.get_termfreq(), *it);
    }
    if (terms.size() > kMaxWildcardExpansion) {
      // The most frequent, as WILDCARD_LIMIT_MOST_FREQUENT keeps.
      std::stable_sort(terms.begin(), terms.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      terms.resize(kMaxWildcardExpansion);
      std::sort(terms.begin(), terms.end(),
                [](const auto& a, const auto& b) { return a.second < b.second; });
    }
    std::vector<Xapian::Query> leaves;
    for (const auto& entry : terms) leaves.emplace_back(entry.second);
    if (leaves.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_SYNONYM, leaves.begin(), leaves.end());
  }

  Xapian::Query word_as_written(const QueryNode& node, const std::vector<Unit>& found) {
    if (found.size() > 1) {
      // "U.S.-China", "芯片出口": the parts must still stand together.
      return phrase_of(node.field, found);
    }
    const Unit& unit = found.front();
    if (node.wildcard) {
      std::string pattern(schema::kStemMarker);
      pattern += field_spec(node.field).prefix;
      pattern += unit.plain().term;
      has_words_ = true;
      if (excluding_ == 0) highlights_.push_back({unit.plain().term, {}, true});
      if (expand_wildcards_in_ != nullptr) return expanded_wildcard(pattern);
      return Xapian::Query(Xapian::Query::OP_WILDCARD, pattern, kMaxWildcardExpansion,
                           Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    }
    if (unit.exact.kind == TokenKind::kIdeographic) return term(node.field, unit.exact);
    if (unit.folded && node.field == Field::kText && node.modifier == Modifier::kNone) {
      // Every spelling: the folded one finds every variant, the exact one
      // adds weight where the accents match, the spelt-out one ("mueller")
      // finds texts written without umlauts.
      std::vector<Xapian::Query> spellings{term(node.field, unit.exact),
                                           term(node.field, *unit.folded)};
      if (unit.spelt) spellings.push_back(term(node.field, *unit.spelt));
      return Xapian::Query(Xapian::Query::OP_OR, spellings.begin(), spellings.end());
    }
    return term(node.field, unit.plain());
  }

  Xapian::Query phrase(const QueryNode& node) {
    const std::vector<Unit> found = units(node);
    if (found.empty()) {
      warnings_.push_back(
          {QueryWarningCode::kEmptyPhrase, "\"" + node.text + "\"", "empty phrase ignored"});
      return {};
    }
    return phrase_of(node.field, found);
  }

  // a NEAR b: within 10 words (window 11 for two words, one more for each
  // further word), as Xapian's QueryParser reads it. Each word keeps its own
  // field (title:a NEAR b).
  Xapian::Query proximity(const QueryNode& node) {
    std::vector<Xapian::Query> terms;
    for (const QueryNode& child : node.children) {
      for (const Unit& unit : units(child)) terms.push_back(term(child.field, unit.plain()));
    }
    if (terms.size() <= 1) return terms.empty() ? Xapian::Query() : terms.front();
    const auto op = node.kind == Kind::kNear ? Xapian::Query::OP_NEAR : Xapian::Query::OP_PHRASE;
    return Xapian::Query(op, terms.begin(), terms.end(),
                         static_cast<Xapian::termcount>(terms.size()) + node.window - 1);
  }

  // The stored alternatives of a synonym key (normalised entries, see
  // synonym_key.h); empty when it has none or synonyms are off.
  const std::vector<std::string>& synonyms_of_key(const std::string& key) {
    static const std::vector<std::string> kNone;
    if (synonyms_ == nullptr) return kNone;
    auto [it, inserted] = synonym_cache_.try_emplace(key);
    if (inserted) {
      for (auto s = synonyms_->synonyms_begin(key); s != synonyms_->synonyms_end(key); ++s) {
        it->second.push_back(*s);
      }
    }
    return it->second;
  }

  // The alternatives of `words`: those of the words as written, else those
  // of their stems ("vaccines" finds the group of "vaccine").
  const std::vector<std::string>& synonyms_of(const std::vector<Token>& words) {
    const std::vector<std::string>& as_written = synonyms_of_key(internal::synonym_key(words));
    if (!as_written.empty() || synonyms_ == nullptr) return as_written;
    return synonyms_of_key(internal::synonym_stem_key(analyzer_, words, language_));
  }

  // `as_written` or any alternative of `key`, weighted as one word
  // (OP_SYNONYM), so an article saying "United States" ranks as one saying
  // "USA" would. Alternatives are analysed like query words; one of several
  // words is a phrase.
  Xapian::Query with_synonyms(Xapian::Query as_written, Field field,
                              const std::vector<Token>& words) {
    const std::vector<std::string>& alternatives = synonyms_of(words);
    if (alternatives.empty()) return as_written;
    std::vector<Xapian::Query> any{std::move(as_written)};
    for (const std::string& alternative : alternatives) {
      const std::vector<Unit> found = units_of(alternative);
      if (!found.empty()) any.push_back(phrase_of(field, found));
    }
    return Xapian::Query(Xapian::Query::OP_SYNONYM, any.begin(), any.end());
  }

  // The word of a sequence item that can start or continue a multi-word
  // synonym: a plain word of one unit.
  std::optional<Token> run_word(const QueryNode& item) {
    if (item.kind != Kind::kWord || item.wildcard || item.modifier != Modifier::kNone) return {};
    std::vector<Token> words = internal::synonym_tokens(analyzer_, item.text);
    if (words.size() != 1) return {};
    return std::move(words.front());
  }

  // Runs of two or more items of `node` that are a multi-word synonym
  // entry, the longest first from left to right: at[i] is the length of the
  // run starting at item i (0 where none starts).
  std::vector<std::size_t> synonym_runs(const QueryNode& node) {
    const std::size_t n = node.children.size();
    std::vector<std::size_t> at(n, 0);
    if (synonym_max_words_ < 2 || n < 2) return at;
    std::vector<std::optional<Token>> words(n);
    for (std::size_t i = 0; i < n; ++i) words[i] = run_word(node.children[i]);
    for (std::size_t i = 0; i + 1 < n; ++i) {
      if (!words[i]) continue;
      std::size_t fits = 1;
      while (fits < synonym_max_words_ && i + fits < n && words[i + fits] &&
             node.children[i + fits].field == node.children[i].field) {
        ++fits;
      }
      for (std::size_t length = fits; length >= 2; --length) {
        if (!synonyms_of(run_tokens(words, i, length)).empty()) {
          at[i] = length;
          i += length - 1;
          break;
        }
      }
    }
    return at;
  }

  static std::vector<Token> run_tokens(const std::vector<std::optional<Token>>& words,
                                       std::size_t i, std::size_t length) {
    std::vector<Token> run;
    run.reserve(length);
    for (std::size_t k = i; k < i + length; ++k) run.push_back(*words[k]);
    return run;
  }

  // Items i..i+length-1 of a sequence as the phrase they make, or any of
  // its synonyms.
  Xapian::Query synonym_run(const QueryNode& node, std::size_t i, std::size_t length) {
    std::vector<Unit> found;
    std::vector<Token> words;
    for (std::size_t k = i; k < i + length; ++k) {
      std::vector<Unit> item = units(node.children[k]);
      for (const Unit& unit : item) words.push_back(unit.plain());
      found.insert(found.end(), item.begin(), item.end());
    }
    const Field field = node.children[i].field;
    return with_synonyms(phrase_of(field, found), field, words);
  }

  Xapian::Query filter_query(const QueryNode& node) {
    const FieldSpec& spec = field_spec(node.field);
    switch (spec.kind) {
      case FieldKind::kKeyword:
        return Xapian::Query(schema::keyword_term(spec.prefix, node.text));
      case FieldKind::kExact:
        return Xapian::Query(schema::exact_term(spec.prefix, node.text));
      case FieldKind::kDate: {
        std::string error;
        if (auto range = date_range_query(node.text, error)) return *range;
        warnings_.push_back({QueryWarningCode::kInvalidDate,
                             std::string(spec.name) + ":" + node.text,
                             "date filter ignored: " + error});
        return {};
      }
      case FieldKind::kText:
        break;
    }
    return {};
  }

  bool is_stopword(const Token& token) const {
    return std::find(stopwords_.begin(), stopwords_.end(), token.term) != stopwords_.end();
  }

  // How many searchable words a sequence item has, if it is a plain word
  // (the items a run of stopwords is made of); -1 for other items.
  int plain_word(const QueryNode& item, Token& word) {
    if (item.kind != Kind::kWord) return -1;
    tokens_.clear();
    analyzer_.tokenize(item.text, tokens_, 0);
    int words = 0;
    for (const Token& token : tokens_) {
      if (token.role != TokenRole::kWord) continue;
      if (words++ == 0) word = token;
    }
    if (words == 0) return 0;
    return item.wildcard || item.modifier != Modifier::kNone || words > 1 ? -1 : 1;
  }

  // Function words only add noise to the ranking, so they are dropped from
  // a sequence of words, unless every word of a run is one ("the who"), as
  // Xapian's QueryParser does; a query of one word keeps it. Items with
  // nothing searchable ("&") neither count nor break a run.
  std::vector<bool> stopped_items(const QueryNode& node) {
    const std::size_t n = node.children.size();
    std::vector<bool> stopped(n, false);
    if (n < 2 || stopwords_.empty()) return stopped;
    std::vector<int> words(n);
    std::vector<bool> is_stop(n, false);
    std::size_t present = 0;
    for (std::size_t i = 0; i < n; ++i) {
      Token word;
      words[i] = plain_word(node.children[i], word);
      if (words[i] != 0) ++present;
      // A stopword with synonyms ("US" for "USA") is meant as a name.
      if (words[i] == 1) is_stop[i] = is_stopword(word) && synonyms_of({word}).empty();
    }
    if (present < 2) return stopped;
    std::vector<std::size_t> run;
    const auto end_run = [&] {
      const bool all =
          std::all_of(run.begin(), run.end(), [&](std::size_t i) { return is_stop[i]; });
      for (std::size_t i : run) stopped[i] = is_stop[i] && (run.size() == 1 || !all);
      run.clear();
    };
    for (std::size_t i = 0; i < n; ++i) {
      if (words[i] == 1) {
        run.push_back(i);
      } else if (words[i] == -1) {
        end_run();
      }
    }
    end_run();
    return stopped;
  }

  // Items side by side, as QueryParser combines them: plain items by the
  // default operator; +items required (with OR as the default operator, the
  // plain ones then only add weight); -items excluded; filters narrow
  // without weight, OR-ed within a field and AND-ed across fields.
  Xapian::Query sequence(const QueryNode& node) {
    const std::vector<bool> stopped = stopped_items(node);
    const std::vector<std::size_t> run_at = synonym_runs(node);
    std::vector<Xapian::Query> plain, required, excluded;
    std::map<Field, std::vector<Xapian::Query>> filters;
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      const QueryNode& item = node.children[i];
      if (run_at[i] >= 2) {
        // Stopwords inside a synonym ("Bank of England") are part of it.
        plain.push_back(synonym_run(node, i, run_at[i]));
        i += run_at[i] - 1;
        continue;
      }
      if (stopped[i]) continue;
      if (item.kind == Kind::kFilter) {
        Xapian::Query filter = filter_query(item);
        if (filter.empty()) continue;
        if (item.modifier == Modifier::kExcluded) {
          excluded.push_back(std::move(filter));
        } else {
          filters[item.field].push_back(std::move(filter));
        }
        continue;
      }
      Xapian::Query query =
          item.modifier == Modifier::kExcluded ? build_excluded(item) : build(item);
      if (query.empty()) continue;
      if (item.modifier == Modifier::kExcluded) {
        excluded.push_back(std::move(query));
      } else if (item.modifier == Modifier::kRequired && default_op_ != Xapian::Query::OP_AND) {
        required.push_back(std::move(query));
      } else {
        plain.push_back(std::move(query));
      }
    }
    Xapian::Query result = combine(default_op_, plain);
    if (!required.empty()) {
      const Xapian::Query all_required = combine(Xapian::Query::OP_AND, required);
      result = result.empty() ? all_required
                              : Xapian::Query(Xapian::Query::OP_AND_MAYBE, all_required, result);
    }
    if (!filters.empty()) {
      std::vector<Xapian::Query> by_field;
      by_field.reserve(filters.size());
      for (const auto& [field, values] : filters) {
        by_field.push_back(combine(Xapian::Query::OP_OR, values));
      }
      const Xapian::Query filter = combine(Xapian::Query::OP_AND, by_field);
      result = result.empty() ? Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filter, 0.0)
                              : Xapian::Query(Xapian::Query::OP_FILTER, result, filter);
    }
    if (!excluded.empty()) {
      // "-word" alone: every article without it, as "NOT word".
      result = Xapian::Query(Xapian::Query::OP_AND_NOT, result.empty() ? match_all_query() : result,
                             combine(Xapian::Query::OP_OR, excluded));
    }
    return result;
  }

  Xapian::Query either_or_both(Xapian::Query::op op, const QueryNode& node) {
    Xapian::Query left = build(node.children[0]);
    Xapian::Query right = build(node.children[1]);
    if (left.empty()) return right;
    if (right.empty()) return left;
    return Xapian::Query(op, left, right);
  }

  Analyzer& analyzer_;
  std::string language_;
  const std::vector<std::string_view>& stopwords_;
  Xapian::Query::op default_op_;
  SpellingSuggester* suggester_;
  const Xapian::Database* expand_wildcards_in_;  // a sharded index, else null
  const Xapian::Database* synonyms_;             // null: synonyms off
  std::size_t synonym_max_words_;                // longest stored entry, in words
  std::map<std::string, std::vector<std::string>> synonym_cache_;
  std::vector<QueryWarning>& warnings_;
  std::vector<HighlightTerm>& highlights_;
  std::set<std::string>& cjk_words_;
  // Above zero while building what the query excludes, whose words are
  // not highlighted.
  int excluding_ = 0;
  std::vector<Token> tokens_;
  Xapian::termpos position_ = 0;
  bool has_words_ = false;
};

// The request's filters, since and until: terms of one field OR-ed, fields
// AND-ed, as in most search UIs.
Xapian::Query request_filters(const SearchRequest& request) {
  std::map<Field, std::vector<Xapian::Query>> by_field;
  for (const Filter& filter : request.filters) {
    const FieldSpec& spec = field_spec(filter.field);
    switch (spec.kind) {
      case FieldKind::kKeyword:
        by_field[filter.field].emplace_back(schema::keyword_term(spec.prefix, filter.value));
        break;
      case FieldKind::kExact:
        by_field[filter.field].emplace_back(schema::exact_term(spec.prefix, filter.value));
        break;
      case FieldKind::kDate: {
        std::string error;
        const auto range = date_range_query(filter.value, error);
        if (!range) throw ConfigError("date filter '" + filter.value + "': " + error);
        by_field[filter.field].push_back(*range);
        break;
      }
      case FieldKind::kText:
        throw ConfigError("cannot filter on '" + std::string(spec.name) +
                          "' (it is text: search it in the query)");
    }
  }
  std::vector<Xapian::Query> conditions;
  conditions.reserve(by_field.size() + 1);
  for (const auto& [field, queries] : by_field) {
    conditions.push_back(combine(Xapian::Query::OP_OR, queries));
  }
  if (!request.since.empty() || !request.until.empty()) {
    std::string error;
    const auto range = since_until_query(request.since, request.until, error);
    if (!range) throw ConfigError(error);
    conditions.push_back(*range);
  }
  return combine(Xapian::Query::OP_AND, conditions);
}

}  // namespace

BuiltQuery QueryBuilder::build(const Xapian::Database& db, const SearchRequest& request) {
  BuiltQuery built;
  built.language =
      request.language.empty() ? analyzer_.options().default_language : request.language;
  if (Analyzer::stemmer_name(built.language).empty()) {
    built.warnings.push_back(
        {QueryWarningCode::kNoStemmer, built.language,
         "no stemmer for language '" + built.language + "': words are matched as written"});
  }
  const Xapian::Query filter = request_filters(request);

  QueryParseOptions options;
  options.operators = request.operators;
  ParsedQuery parsed = parse_query(request.query, options);
  built.warnings.insert(built.warnings.end(), parsed.warnings.begin(), parsed.warnings.end());
  std::vector<QueryWarning> build_warnings;
  std::optional<SpellingSuggester> suggester;
  if (request.suggest) suggester.emplace(db, analyzer_, built.language);
  Xapian::Query query;
  std::set<std::string> cjk_words;
  // The index says how long its longest synonym entry is; none stored, or
  // synonyms off, and no word is looked up.
  std::size_t synonym_max_words = 0;
  if (request.synonyms) {
    const std::string stored = db.get_metadata(std::string(internal::kSynonymMaxWordsKey));
    synonym_max_words = std::strtoul(stored.c_str(), nullptr, 10);
  }
  if (!parsed.empty) {
    TreeBuilder tree(analyzer_, request, built.language, suggester ? &*suggester : nullptr,
                     synonym_max_words > 0 ? &db : nullptr, synonym_max_words, build_warnings,
                     built.highlight_terms, cjk_words, db.size() > 1 ? &db : nullptr);
    query = tree.build(parsed.root);
    built.has_words = tree.has_words();
  }
  built.warnings.insert(built.warnings.end(), build_warnings.begin(), build_warnings.end());
  if (suggester) built.suggestion = suggester->suggestion(request.query);
  if (query.empty()) {
    query = match_all_query();
    built.has_words = false;
    built.highlight_terms.clear();
  } else {
    built.cjk_words.assign(cjk_words.begin(), cjk_words.end());
  }
  built.text = query;
  built.filter = filter;
  built.query = filter.empty() ? query : Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
  return built;
}

}  // namespace newsdex::searcher
