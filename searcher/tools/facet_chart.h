// facet_chart.h — facets drawn for the terminal: aligned bars for values,
// a timeline of Unicode block characters for dates.
#pragma once

#include <string>
#include <vector>

#include "newsdex/searcher/result.h"

namespace newsdex::cli {

/// Every bucket from the first to the last of a date facet, with the empty
/// ones filled in as zero, so a chart shows gaps in time. Values are
/// "YYYY", "YYYY-MM" or "YYYY-MM-DD" as the searcher returns them.
std::vector<searcher::FacetValue> fill_date_gaps(const std::vector<searcher::FacetValue>& buckets);

/// One line of block characters (▁▂▃▄▅▆▇█), a column per bucket, scaled to the
/// largest; buckets are merged so that at most `max_columns` columns remain.
std::string sparkline(const std::vector<searcher::FacetValue>& buckets, std::size_t max_columns);

/// A horizontal bar of `width * count / max` cells, in eighths of a cell.
std::string bar(std::uint64_t count, std::uint64_t max, std::size_t width);

/// The lines that show `facet`: a heading, then bars or a timeline.
std::vector<std::string> facet_lines(const searcher::Facet& facet, bool colour);

}  // namespace newsdex::cli
