#include "newsdex/indexer/synonyms.h"

#include <filesystem>
#include <fstream>
#include <istream>
#include <string_view>

#include "newsdex/common/error.h"

namespace newsdex::indexer {
namespace {

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

}  // namespace

std::vector<SynonymGroup> read_synonyms(std::istream& in, const std::string& name) {
  std::vector<SynonymGroup> groups;
  std::uint64_t line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    const std::string_view content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    SynonymGroup group;
    group.file = name;
    group.line = line_number;
    std::string_view rest = content;
    while (true) {
      const std::size_t comma = rest.find(',');
      const std::string_view entry = trim(rest.substr(0, comma));
      if (entry.empty()) {
        throw InputError(name, line_number, "",
                         "empty synonym entry (two commas in a row, or one at an end)");
      }
      group.entries.emplace_back(entry);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    if (group.entries.size() < 2) {
      throw InputError(name, line_number, "",
                       "a synonym group needs at least two entries separated by commas, got '" +
                           std::string(content) + "'");
    }
    groups.push_back(std::move(group));
  }
  if (in.bad()) throw InputError(name, line_number, "", "read error");
  return groups;
}

std::vector<SynonymGroup> load_synonyms(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    throw InputError(path, 0, "", "is a directory, not a synonyms file");
  }
  std::ifstream file(path);
  if (!file) throw InputError(path, 0, "", "cannot open synonyms file for reading");
  return read_synonyms(file, path);
}

}  // namespace newsdex::indexer
