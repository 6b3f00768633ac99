#include "newsdex/eval/queries.h"

#include <set>

#include "newsdex/common/error.h"
#include "text_file.h"

namespace newsdex::eval {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string_view without_leading_zeros(std::string_view digits) {
  const std::size_t first = digits.find_first_not_of('0');
  return first == std::string_view::npos ? digits.substr(digits.size() - 1) : digits.substr(first);
}

}  // namespace

bool QueryIdLess::operator()(std::string_view a, std::string_view b) const {
  const bool a_number = all_digits(a);
  const bool b_number = all_digits(b);
  if (a_number != b_number) return a_number;
  if (a_number) {
    // Numeric order without overflow: a shorter number (without leading zeros)
    // is smaller; equal values ("7", "007") fall back to bytes to stay strict.
    const std::string_view a_value = without_leading_zeros(a);
    const std::string_view b_value = without_leading_zeros(b);
    if (a_value.size() != b_value.size()) return a_value.size() < b_value.size();
    if (a_value != b_value) return a_value < b_value;
  }
  return a < b;
}

std::vector<Query> read_queries(std::istream& in, const std::string& name) {
  std::vector<Query> queries;
  std::set<std::string> seen;
  internal::LineReader reader(in, name);
  std::string line;
  while (reader.next_record(line)) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) reader.fail("", "expected 'qid<TAB>text', found no tab");
    Query query{line.substr(0, tab), line.substr(tab + 1)};
    if (query.id.empty()) reader.fail("qid", "empty");
    if (query.id.find_first_of(" \t\r\f\v") != std::string::npos) {
      reader.fail("qid", "contains white space: '" + query.id + "'");
    }
    if (internal::is_blank(query.text)) reader.fail("text", "empty query");
    if (!seen.insert(query.id).second) reader.fail("qid", "repeated query id '" + query.id + "'");
    queries.push_back(std::move(query));
  }
  return queries;
}

std::vector<Query> read_queries(const std::string& path) {
  return internal::read_file(
      path, [](std::istream& in, const std::string& name) { return read_queries(in, name); });
}

}  // namespace newsdex::eval
