#include "newsdex/eval/run.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "newsdex/common/error.h"
#include "text_file.h"

namespace newsdex::eval {
namespace {

bool parse_score(std::string_view text, double& score) {
  // strtod (as trec_eval's atof) rather than from_chars: it also takes the
  // "+1.5" and hexadecimal forms other tools may write.
  const std::string copy(text);
  char* end = nullptr;
  score = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size() && std::isfinite(score);
}

void validate_tag(const std::string& tag) {
  if (tag.empty() || tag.find_first_of(" \t\r\n\f\v") != std::string::npos) {
    throw ConfigError("run tag must be one word without white space, got '" + tag + "'");
  }
}

// TREC files separate fields by white space, so an id containing some
// would shift every column after it.
void validate_id(const std::string& id, const char* what) {
  if (id.empty() || id.find_first_of(" \t\r\n\f\v") != std::string::npos) {
    throw Error(std::string("cannot write ") + what + " '" + id +
                "' to a TREC run file: empty or contains white space");
  }
}

}  // namespace

void sort_like_trec_eval(std::vector<ScoredDoc>& docs) {
  std::sort(docs.begin(), docs.end(), [](const ScoredDoc& a, const ScoredDoc& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.id > b.id;  // byte-wise, like trec_eval's strcmp
  });
}

Run read_run(std::istream& in, const std::string& name) {
  Run run;
  std::unordered_map<std::string, std::unordered_set<std::string>> seen;
  internal::LineReader reader(in, name);
  std::string line;
  while (reader.next_record(line)) {
    const auto fields = internal::split_fields(line);
    if (fields.size() != 6) {
      reader.fail("", "expected 6 fields 'qid Q0 docid rank score tag', found " +
                          std::to_string(fields.size()));
    }
    double score = 0;
    if (!parse_score(fields[4], score)) {
      reader.fail("score", "not a finite number: '" + std::string(fields[4]) + "'");
    }
    std::string qid(fields[0]);
    std::string doc(fields[2]);
    if (!seen[qid].insert(doc).second) {
      reader.fail("docid", "document '" + doc + "' listed twice for query '" + qid + "'");
    }
    run[std::move(qid)].push_back({std::move(doc), score});
  }
  return run;
}

Run read_run(const std::string& path) {
  return internal::read_file(
      path, [](std::istream& in, const std::string& name) { return read_run(in, name); });
}

void write_run(std::ostream& out, const Run& run, const std::string& tag) {
  validate_tag(tag);
  std::array<char, 64> score_text;
  for (const auto& [qid, docs] : run) {
    validate_id(qid, "query id");
    std::vector<ScoredDoc> ranked = docs;
    sort_like_trec_eval(ranked);
    std::size_t rank = 0;
    for (const auto& doc : ranked) {
      validate_id(doc.id, "document id");
      // Shortest text that reads back as the same double: ties and order
      // survive the round trip exactly.
      const auto result =
          std::to_chars(score_text.data(), score_text.data() + score_text.size(), doc.score);
      out << qid << " Q0 " << doc.id << ' ' << ++rank << ' '
          << std::string_view(score_text.data(),
                              static_cast<std::size_t>(result.ptr - score_text.data()))
          << ' ' << tag << '\n';
    }
  }
  out.flush();
  if (!out) throw Error("cannot write the run file");
}

void write_run(const std::string& path, const Run& run, const std::string& tag) {
  validate_tag(tag);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw Error(path + ": cannot create: " + std::strerror(errno));
  write_run(out, run, tag);
  out.close();
  if (!out) throw Error(path + ": cannot write the run file");
}

}  // namespace newsdex::eval
