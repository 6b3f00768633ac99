// date_filter.h (internal) — dates in queries: `date:2024-01..2024-06`,
// `--since 2023`, `--until 2020-12-31`.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace newsdex::searcher {

/// A query matching every document. Use this, never Xapian::Query::MatchAll:
/// that is one shared object whose reference count is not atomic, so
/// copying it from several threads (one Searcher each) is a data race.
inline Xapian::Query match_all_query() { return Xapian::Query(std::string()); }

/// First and last day ("YYYYMMDD") of a year "2024", a month "2024-03" or a
/// day "2024-03-01"; nullopt when `text` is none of these.
std::optional<std::pair<std::string, std::string>> date_period(std::string_view text);

/// A filter on the publication day for "A..B", "A..", "..B" or "A" (A and B
/// as date_period() takes them; a range runs from the first day of A to the
/// last day of B). On bad input returns nullopt and says why in `error`.
std::optional<Xapian::Query> date_range_query(std::string_view expression, std::string& error);

/// Articles published from the first day of `since` to the last day of
/// `until` (either may be empty). nullopt with `error` set on bad input.
std::optional<Xapian::Query> since_until_query(std::string_view since, std::string_view until,
                                               std::string& error);

}  // namespace newsdex::searcher
