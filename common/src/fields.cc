#include "newsdex/common/fields.h"

#include "newsdex/common/schema.h"

namespace newsdex {
namespace {

constexpr int kNoFacet = -1;

std::vector<FieldSpec> make_fields() {
  using K = FieldKind;
  // The text field's query name is "body": a user who writes `body:` gets
  // the whole text (with a warning), since titles and bodies share it.
  return {
      {Field::kText, "body", "", K::kText, schema::kTextPrefix, kNoFacet, false, true, false},
      {Field::kTitle, "title", "", K::kText, schema::kTitlePrefix, kNoFacet, false, true, false},
      {Field::kSource, "source", "", K::kKeyword, schema::kSourcePrefix,
       static_cast<int>(schema::kSlotSource), false, true, true},
      {Field::kAuthor, "author", "", K::kKeyword, schema::kAuthorPrefix, kNoFacet, false, true,
       true},
      {Field::kTopic, "topic", "", K::kKeyword, schema::kTopicPrefix,
       static_cast<int>(schema::kSlotTopics), true, true, true},
      {Field::kPlace, "place", "", K::kKeyword, schema::kPlacePrefix,
       static_cast<int>(schema::kSlotPlaces), true, true, true},
      {Field::kLanguage, "lang", "language", K::kKeyword, schema::kLanguagePrefix,
       static_cast<int>(schema::kSlotLanguage), false, true, true},
      {Field::kId, "id", "", K::kExact, schema::kIdPrefix, kNoFacet, false, true, true},
      {Field::kUrl, "url", "", K::kExact, schema::kUrlPrefix, kNoFacet, false, true, true},
      // Years and months are counted from the month slot, days from the day
      // slot (facets.cc).
      {Field::kDate, "date", "", K::kDate, schema::kDayPrefix, static_cast<int>(schema::kSlotMonth),
       false, true, true},
  };
}

}  // namespace

const std::vector<FieldSpec>& all_fields() {
  static const std::vector<FieldSpec> fields = make_fields();
  return fields;
}

const FieldSpec& field_spec(Field field) { return all_fields()[static_cast<std::size_t>(field)]; }

const FieldSpec* find_field(std::string_view name) {
  if (name.empty()) return nullptr;
  for (const FieldSpec& spec : all_fields()) {
    if (spec.name == name || spec.alias == name) return &spec;
  }
  return nullptr;
}

}  // namespace newsdex
