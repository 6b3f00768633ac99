// json_article.h (internal) — one JSON object to an Article, shared by the
// JSON Lines and JSON array readers.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "newsdex/common/article.h"

namespace newsdex::indexer {

/// Receives a repaired problem in one field (e.g. an unreadable date).
using FieldWarning = std::function<void(std::string field, std::string message)>;

/// The date a JSON value gives, by the rule of every JSON input: a string
/// as parse_date() reads it, a number as Unix seconds or milliseconds (see
/// timestamp_from_epoch()); null and "" give none. A value that is there but
/// no date (out of range, a boolean, an object, ...) gives nullopt and sets
/// `problem` to the warning to report ("not a date: ...; indexed without a
/// date"); otherwise `problem` is left alone.
std::optional<Timestamp> date_from_json(simdjson::dom::element value, std::string& problem);

/// The article a parsed JSON object describes: keys id, source, url, title,
/// body, published, authors, topics, places, language; unknown keys are
/// ignored and null counts as absent; a list field may be a single string;
/// a date that is no date is a warning (see date_from_json()).
/// @throws InputError naming `file`, `record` and the field at fault
Article article_from_json(simdjson::dom::element root, const std::string& file,
                          std::uint64_t record, const FieldWarning& warn);

/// Parses `json` with `parser`, then as article_from_json().
/// @throws InputError for invalid JSON or an invalid article
Article parse_article(simdjson::dom::parser& parser, std::string_view json, const std::string& file,
                      std::uint64_t record, const FieldWarning& warn);

}  // namespace newsdex::indexer
