#include "document_builder.h"

#include "near_duplicates.h"
#include "newsdex/common/date.h"
#include "newsdex/common/schema.h"
#include "stored_article.h"

namespace newsdex::indexer {
namespace {

// Gap between fields so that phrases cannot match across title and body.
constexpr Xapian::termpos kFieldGap = 100;

}  // namespace

DocumentBuilder::DocumentBuilder(Analyzer& analyzer, unsigned title_weight)
    : analyzer_(analyzer), title_weight_(title_weight) {}

void DocumentBuilder::index_text(Xapian::Document& doc, std::string_view text,
                                 std::initializer_list<FieldTarget> targets,
                                 std::string_view language, Xapian::termpos& position,
                                 std::vector<std::string>* words) {
  tokens_.clear();
  position = analyzer_.tokenize(text, tokens_, position);
  const std::string& default_language = analyzer_.options().default_language;
  const bool also_default_stem = !language.empty() && Analyzer::stemmer_name(language) !=
                                                          Analyzer::stemmer_name(default_language);
  for (const Token& token : tokens_) {
    const std::string stem = analyzer_.stem(token, language);
    if (words && token.role == TokenRole::kWord) words->push_back(stem);
    // Queries are stemmed in one language (English unless chosen): also
    // index that stem, so "Müller" in a German article is found by an
    // English-stemmed query as well as by a German one.
    std::string default_stem =
        also_default_stem ? analyzer_.stem(token, default_language) : std::string();
    if (default_stem == stem) default_stem.clear();
    // Only the stem, with the word's position (schema.h): QueryParser's
    // STEM_ALL_Z layout.
    for (const FieldTarget& target : targets) {
      term_.assign(schema::kStemMarker).append(target.prefix).append(stem);
      if (token.role == TokenRole::kPart) {
        doc.add_term(term_, target.wdf);  // findable, but not part of any phrase
      } else {
        doc.add_posting(term_, token.position + 1, target.wdf);  // Xapian positions are 1-based
      }
      if (!default_stem.empty()) {
        term_.assign(schema::kStemMarker).append(target.prefix).append(default_stem);
        doc.add_term(term_, target.wdf);
      }
    }
    if (token.kind == TokenKind::kWord && token.role == TokenRole::kWord &&
        seen_words_.insert(token.term).second) {
      spelling_words_.push_back(token.term);
    }
  }
  position += kFieldGap;
}

Xapian::Document DocumentBuilder::build(const Article& article) {
  Xapian::Document doc;
  spelling_words_.clear();
  seen_words_.clear();
  // Articles that do not name their language get the one their script
  // implies (Chinese, Japanese, Russian, ...); Latin script stays unknown and
  // is stemmed in the default language.
  std::string language = article.language;
  if (language.empty()) language = Analyzer::detect_language(article.title);
  if (language.empty()) language = Analyzer::detect_language(article.body);

  Xapian::termpos position = 0;
  // Title and body form one ranked text field (the title's words weighted
  // up), so BM25 sees one document length and saturates a word's frequency
  // once rather than scoring a title field and a body field and adding the
  // two; the title is also indexed alone for title: searches. (Xapian
  // Omega's layout; docs/relevance.md has the measurements behind it.)
  title_stems_.clear();
  body_stems_.clear();
  index_text(doc, article.title, {{schema::kTextPrefix, title_weight_}, {schema::kTitlePrefix, 1}},
             language, position, &title_stems_);
  index_text(doc, article.body, {{schema::kTextPrefix, 1}}, language, position, &body_stems_);
  add_fingerprint(doc, article);

  doc.add_boolean_term(schema::id_term(article.id));
  if (!article.url.empty()) {
    doc.add_boolean_term(schema::exact_term(schema::kUrlPrefix, article.url));
    if (const std::string page = page_term(article.url); !page.empty()) doc.add_boolean_term(page);
  }
  if (!article.source.empty()) {
    doc.add_boolean_term(schema::keyword_term(schema::kSourcePrefix, article.source));
    doc.add_value(schema::kSlotSource, article.source);
  }
  for (const auto& author : article.authors) {
    doc.add_boolean_term(schema::keyword_term(schema::kAuthorPrefix, author));
  }
  for (const auto& topic : article.topics) {
    doc.add_boolean_term(schema::keyword_term(schema::kTopicPrefix, topic));
  }
  if (!article.topics.empty())
    doc.add_value(schema::kSlotTopics, schema::join_list(article.topics));
  for (const auto& place : article.places) {
    doc.add_boolean_term(schema::keyword_term(schema::kPlacePrefix, place));
  }
  if (!article.places.empty())
    doc.add_value(schema::kSlotPlaces, schema::join_list(article.places));
  if (!language.empty()) {
    doc.add_boolean_term(schema::keyword_term(schema::kLanguagePrefix, language));
    doc.add_value(schema::kSlotLanguage, schema::normalize_keyword(language));
  }
  if (article.published) {
    const std::string day = format_yyyymmdd(*article.published);
    doc.add_boolean_term(std::string(schema::kDayPrefix) + day);
    doc.add_boolean_term(std::string(schema::kMonthPrefix) + day.substr(0, 6));
    doc.add_boolean_term(std::string(schema::kYearPrefix) + day.substr(0, 4));
    doc.add_value(schema::kSlotDay, day);
    doc.add_value(schema::kSlotMonth, day.substr(0, 6));
    const std::string timestamp =
        Xapian::sortable_serialise(static_cast<double>(article.published->unix_seconds));
    doc.add_value(schema::kSlotTimestamp, timestamp);
    doc.add_value(schema::kSlotOldestFirst, timestamp);
  } else {
    doc.add_value(schema::kSlotOldestFirst, std::string(schema::kUndatedOldestKey));
  }
  doc.set_data(internal::encode_stored_article(article));
  return doc;
}

void DocumentBuilder::add_fingerprint(Xapian::Document& doc, const Article& article) {
  // The body only, so that a reprint under a new headline still matches;
  // a short body is fingerprinted with its headline, which often is all
  // that tells two templated notices apart (and lets identical
  // headline-only items fold).
  std::vector<std::string_view> words(body_stems_.begin(), body_stems_.end());
  Fingerprint fp = Fingerprint::of_words(words);
  if (fp.shingles < Fingerprint::kShortShingles) {
    words.assign(title_stems_.begin(), title_stems_.end());
    words.insert(words.end(), body_stems_.begin(), body_stems_.end());
    fp = Fingerprint::of_words(words);
  }
  if (!fp.empty()) {
    doc.add_value(schema::kSlotFingerprint, fp.encode());
    for (const std::string& term : fp.band_terms()) doc.add_boolean_term(term);
  }
  // Alone until the indexer finds an earlier copy (indexer.cc): the term of
  // the cluster it would start, no value.
  doc.add_boolean_term(std::string(schema::kClusterPrefix) +
                       new_cluster_key(schema::id_term(article.id), fp));
  fingerprint_ = std::move(fp);
}

}  // namespace newsdex::indexer
