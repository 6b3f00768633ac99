#include "newsdex/eval/qrels.h"

#include <charconv>

#include "newsdex/common/error.h"
#include "text_file.h"

namespace newsdex::eval {

std::size_t relevant_count(const Judgments& judgments) {
  std::size_t count = 0;
  for (const auto& [doc, grade] : judgments) {
    if (grade > 0) ++count;
  }
  return count;
}

Qrels read_qrels(std::istream& in, const std::string& name) {
  Qrels qrels;
  internal::LineReader reader(in, name);
  std::string line;
  while (reader.next_record(line)) {
    const auto fields = internal::split_fields(line);
    if (fields.size() != 4) {
      reader.fail("",
                  "expected 4 fields 'qid 0 docid rel', found " + std::to_string(fields.size()));
    }
    const std::string_view grade_text = fields[3];
    int grade = 0;
    const char* end = grade_text.data() + grade_text.size();
    // from_chars rejects a leading '+', which some tools write.
    const char* begin = grade_text.data() + (grade_text.size() > 1 && grade_text[0] == '+');
    const auto [ptr, error] = std::from_chars(begin, end, grade);
    if (error != std::errc() || ptr != end) {
      reader.fail("rel", "not an integer: '" + std::string(grade_text) + "'");
    }
    Judgments& judgments = qrels[std::string(fields[0])];
    if (!judgments.emplace(std::string(fields[2]), grade).second) {
      reader.fail("docid", "document '" + std::string(fields[2]) + "' judged twice for query '" +
                               std::string(fields[0]) + "'");
    }
  }
  return qrels;
}

Qrels read_qrels(const std::string& path) {
  return internal::read_file(
      path, [](std::istream& in, const std::string& name) { return read_qrels(in, name); });
}

}  // namespace newsdex::eval
