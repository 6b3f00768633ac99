// freshness.h (internal) — the recency boost of SearchRequest::freshness as
// a Xapian query, added to the text query with OP_AND_MAYBE.
//
// The boost is a built-in Xapian::ValueMapPostingSource over the day slot
// ("YYYYMMDD"), mapping each day near the reference day to its boost. A
// built-in source is serialised to remote shards and runs there unchanged
// (a custom PostingSource would need registering on every xapian-tcpsrv),
// which is why the decay is tabulated per day rather than computed.
#pragma once

#include <xapian.h>

#include "newsdex/searcher/request.h"

namespace newsdex::searcher {

/// Boosts fall below 1/1024 of the largest after this many half-lives;
/// days further from the reference day are left out of the table.
inline constexpr double kFreshnessHalfLivesKept = 10;
/// At most this many days on either side of the reference day are
/// tabulated, whatever the half-life (about 55 years).
inline constexpr long long kFreshnessMaxDaysEachSide = 20000;

/// The reference day of `freshness` as days since 1970-01-01 (UTC): its
/// `now`, or today.
/// @throws ConfigError as Freshness::validate
long long freshness_reference_day(const Freshness& freshness);

/// The boost of an article published `age_days` (either side) from the
/// reference day: max_weight * 2^(-|age_days| / half_life_days).
double freshness_boost(double max_weight, double age_days, double half_life_days);

/// A query matching every dated article of `db` within the tabulated days,
/// weighted freshness_boost(max_weight, age, half_life_days); undated
/// articles are not matched (no boost). Empty when no article is in range
/// or max_weight is 0.
Xapian::Query freshness_query(const Xapian::Database& db, long long reference_day,
                              double half_life_days, double max_weight);

}  // namespace newsdex::searcher
