#include "newsdex/indexer/import.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "temp_dir.h"

namespace newsdex::indexer {
namespace {

void write_file(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path) << text;
}

TEST(ImportTest, IndexesGoodLinesAndReportsBadOnes) {
  testing::TempDir dir;
  write_file(dir / "in/a.jsonl",
             "{\"id\": \"1\", \"title\": \"one\"}\n"
             "{\"id\": \"2\", \"title\": \n"
             "{\"id\": \"3\", \"title\": \"three\", \"published\": \"soon\"}\n"
             "{\"id\": \"4\", \"title\": \"four\"}\n");
  write_file(dir / "in/sub/b.jsonl", "{\"id\": \"1\", \"title\": \"one again\"}\n");
  write_file(dir / "in/notes.txt", "not an input\n");
  IndexOptions options;
  options.db_path = dir / "db";
  Indexer indexer(options);
  std::vector<std::string> errors;
  ImportCallbacks callbacks;
  callbacks.on_rejected = [&](const InputError& error) { errors.push_back(error.what()); };
  const ImportReport report = import_inputs(indexer, {dir / "in"}, callbacks);
  EXPECT_EQ(report.files, 2u);
  EXPECT_EQ(report.added, 2u);
  EXPECT_EQ(report.replaced, 1u);
  EXPECT_EQ(report.rejected, 2u);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].rfind(dir / "in/a.jsonl:2: invalid JSON", 0), 0u) << errors[0];
  EXPECT_EQ(errors[1].rfind(dir / "in/a.jsonl:3: published:", 0), 0u) << errors[1];
  EXPECT_EQ(indexer.document_count(), 2u);
}

TEST(ImportTest, MissingInputIsAnInputError) {
  testing::TempDir dir;
  IndexOptions options;
  options.db_path = dir / "db";
  Indexer indexer(options);
  EXPECT_THROW(import_inputs(indexer, {dir / "nope.jsonl"}), InputError);
}

TEST(ImportTest, ExpandsDirectoriesInSortedOrder) {
  testing::TempDir dir;
  write_file(dir / "z.jsonl", "");
  write_file(dir / "a/b.ndjson", "");
  write_file(dir / "a/c.json", "");
  const auto files = expand_inputs({dir.path().string()});
  EXPECT_EQ(files, (std::vector<std::string>{dir / "a/b.ndjson", dir / "z.jsonl"}));
}

}  // namespace
}  // namespace newsdex::indexer
