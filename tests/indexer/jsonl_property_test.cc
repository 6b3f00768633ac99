// Property test of the JSON Lines reader: any bytes give articles or
// InputErrors, never another exception or a crash, and a bad line never
// stops the reader from reading the next one.
#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <vector>

#include "newsdex/common/error.h"
#include "readers/jsonl_reader.h"

namespace newsdex::indexer {
namespace {

const std::string kValidLine =
    R"({"id": "nd-1", "source": "Global Wire", "url": "https://example.test/a", )"
    R"("title": "U.S. chip exports", "body": "Text \"quoted\" 芯片.\n\nMore.", )"
    R"("published": "2023-10-17T14:20:00+02:00", "authors": ["Ana Müller"], )"
    R"("topics": ["trade"], "places": ["china"], "language": "en"})";

std::string mutate(std::string line, std::mt19937& random) {
  std::uniform_int_distribution<int> edits(1, 6);
  std::uniform_int_distribution<int> kind(0, 3);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int n = edits(random); n > 0 && !line.empty(); --n) {
    std::uniform_int_distribution<std::size_t> at(0, line.size() - 1);
    const std::size_t pos = at(random);
    switch (kind(random)) {
      case 0:
        line[pos] = static_cast<char>(byte(random));
        break;
      case 1:
        line.erase(pos, 1);
        break;
      case 2:
        line.insert(pos, 1, static_cast<char>(byte(random)));
        break;
      default:
        line.resize(pos);
        break;  // truncation
    }
  }
  // A newline inside the mutated text would split it; keep one record a line.
  for (char& c : line) {
    if (c == '\n') c = ' ';
  }
  return line;
}

TEST(JsonlPropertyTest, MutatedLinesNeverCrashOrStopTheReader) {
  std::mt19937 random(20261128);
  for (int i = 0; i < 5000; ++i) {
    const std::string bad = mutate(kValidLine, random);
    std::istringstream in(bad + "\n" + kValidLine + "\n");
    JsonlReader reader(in, "fuzz.jsonl");
    std::vector<std::string> ids;
    int errors = 0;
    while (true) {
      try {
        const auto article = reader.next();
        if (!article) break;
        ids.push_back(article->id);
      } catch (const InputError& error) {
        ++errors;
        EXPECT_EQ(error.line(), 1u);
        EXPECT_EQ(std::string(error.what()).rfind("fuzz.jsonl:1: ", 0), 0u) << error.what();
      }
    }
    // The mutated line is an article, an error or (blank) nothing; the valid
    // line after it is always read.
    ASSERT_FALSE(ids.empty()) << "after: " << bad;
    EXPECT_EQ(ids.back(), "nd-1") << "after: " << bad;
    EXPECT_LE(ids.size() + static_cast<std::size_t>(errors), 2u);
  }
}

}  // namespace
}  // namespace newsdex::indexer
