// newsdex/common/fields.h — every field of an article as users name it,
// named once.
//
// The query language (`source:bbc`), filters (SearchRequest::filters,
// `--source`), facets (`--facet source`) and the index layout (schema.h)
// all look fields up here, so a field is added or renamed in one place.
#pragma once

#include <string_view>
#include <vector>

namespace newsdex {

/// A field of an article, as the searcher knows it.
enum class Field {
  kText,      ///< title and body words together: what unqualified words search
  kTitle,     ///< title words alone
  kSource,    ///< publisher name
  kAuthor,    ///< author names
  kTopic,     ///< topic labels
  kPlace,     ///< place names
  kLanguage,  ///< ISO 639-1 language code
  kId,        ///< article id
  kUrl,       ///< article URL
  kDate,      ///< publication day
};

/// How a field's values are matched.
enum class FieldKind {
  kText,     ///< analysed words: ranked by relevance
  kKeyword,  ///< a filter on the normalised value (case and white space folded)
  kExact,    ///< a filter on the value exactly as written (ids, URLs)
  kDate,     ///< a filter on a period ("2024-03", "2024..2025-06")
};

/// Everything newsdex knows about one field.
struct FieldSpec {
  Field field;
  /// How users write it: `name:` in a query, the filter and facet name.
  std::string_view name;
  /// A second accepted name ("language" for "lang"), or empty.
  std::string_view alias;
  FieldKind kind;
  /// Term prefix in the index (schema.h); for kDate the day prefix.
  std::string_view prefix;
  /// Value slot a facet on this field counts, or -1 when it has no facet.
  int facet_slot;
  /// The slot holds several values joined by schema::kListSeparator.
  bool multi_valued;
  /// `name:` is recognised in the query language.
  bool in_query;
  /// Usable as a Filter (and as a command-line filter option).
  bool filterable;
};

/// Every field, in the order of the Field enum.
const std::vector<FieldSpec>& all_fields();

/// The spec of `field`.
const FieldSpec& field_spec(Field field);

/// The field named `name` (or its alias), compared exactly; null if none.
const FieldSpec* find_field(std::string_view name);

/// Names of the fields for which `pick(spec)` holds, joined by ", " with
/// "or" before the last: for error messages ("source, author or id").
template <typename Predicate>
std::string field_names(Predicate pick);

}  // namespace newsdex

#include <string>

namespace newsdex {

template <typename Predicate>
std::string field_names(Predicate pick) {
  std::vector<std::string_view> names;
  for (const FieldSpec& spec : all_fields()) {
    if (pick(spec)) names.push_back(spec.name);
  }
  std::string joined;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) joined += i + 1 == names.size() ? " or " : ", ";
    joined += names[i];
  }
  return joined;
}

}  // namespace newsdex
