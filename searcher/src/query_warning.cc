#include "newsdex/searcher/result.h"

namespace newsdex::searcher {

std::string_view query_warning_code_name(QueryWarningCode code) {
  switch (code) {
    case QueryWarningCode::kUnbalancedQuote:
      return "unbalanced_quote";
    case QueryWarningCode::kUnclosedBracket:
      return "unclosed_bracket";
    case QueryWarningCode::kUnmatchedBracket:
      return "unmatched_bracket";
    case QueryWarningCode::kEmptyBrackets:
      return "empty_brackets";
    case QueryWarningCode::kMissingOperand:
      return "missing_operand";
    case QueryWarningCode::kProximityNeedsWords:
      return "proximity_needs_words";
    case QueryWarningCode::kUnknownField:
      return "unknown_field";
    case QueryWarningCode::kEmptyField:
      return "empty_field";
    case QueryWarningCode::kDefaultFieldName:
      return "body_field";
    case QueryWarningCode::kEmptyPhrase:
      return "empty_phrase";
    case QueryWarningCode::kInvalidDate:
      return "invalid_date";
    case QueryWarningCode::kNoStemmer:
      return "no_stemmer";
  }
  return "unknown";
}

}  // namespace newsdex::searcher
