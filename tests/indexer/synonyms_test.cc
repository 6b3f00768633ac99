// Reading synonym files (newsdex/indexer/synonyms.h).
#include "newsdex/indexer/synonyms.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "newsdex/common/error.h"
#include "temp_dir.h"

namespace newsdex::indexer {
namespace {

std::vector<SynonymGroup> read(const std::string& text) {
  std::istringstream in(text);
  return read_synonyms(in, "syn.txt");
}

TEST(SynonymsFileTest, ReadsOneGroupPerLineSkippingBlanksAndComments) {
  const auto groups = read(
      "# countries\n"
      "US, USA, United States,U.S.\n"
      "\n"
      "   \n"
      "  # indented comment\n"
      "  car ,automobile  \r\n");
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].entries, (std::vector<std::string>{"US", "USA", "United States", "U.S."}));
  EXPECT_EQ(groups[0].file, "syn.txt");
  EXPECT_EQ(groups[0].line, 2u);
  EXPECT_EQ(groups[1].entries, (std::vector<std::string>{"car", "automobile"}));
  EXPECT_EQ(groups[1].line, 6u);
}

TEST(SynonymsFileTest, MalformedGroupsAreErrorsNamingFileAndLine) {
  struct Case {
    std::string text;
    std::uint64_t line;
  };
  const Case cases[] = {
      {"car, automobile\nlonely\n", 2},  // a group of one
      {"car, , automobile\n", 1},        // an empty entry
      {"# c\ncar, automobile,\n", 2},    // a trailing comma
      {",car, automobile\n", 1},         // a leading comma
  };
  for (const Case& c : cases) {
    try {
      read(c.text);
      ADD_FAILURE() << "no error for " << c.text;
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), "syn.txt") << c.text;
      EXPECT_EQ(e.line(), c.line) << c.text;
      EXPECT_NE(std::string(e.what()).find("syn.txt:" + std::to_string(c.line)), std::string::npos)
          << e.what();
    }
  }
}

TEST(SynonymsFileTest, UnreadableFileIsAnInputError) {
  testing::TempDir dir;
  EXPECT_THROW(load_synonyms(dir / "missing.txt"), InputError);
  EXPECT_THROW(load_synonyms(dir / ""), InputError);  // a directory
  { std::ofstream(dir / "ok.txt") << "car, automobile\n"; }
  EXPECT_EQ(load_synonyms(dir / "ok.txt").size(), 1u);
}

}  // namespace
}  // namespace newsdex::indexer
