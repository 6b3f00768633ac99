// What a bulk build uses to hold back probable copies until their cluster
// is settled: the shared record of bands seen (seen_bands.h) and the file
// of held documents (held_documents.h).
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "held_documents.h"
#include "newsdex/common/error.h"
#include "seen_bands.h"
#include "story_texts.h"
#include "temp_dir.h"

namespace newsdex::indexer {
namespace {

using story_texts::fingerprint_of;
using story_texts::kOther;
using story_texts::kStory;

TEST(SeenBandsTest, AnArticleSharingABandOrPageWithAnEarlierOneIsAProbableCopy) {
  SeenBands seen;
  EXPECT_FALSE(seen.note(fingerprint_of(kStory), 0));
  EXPECT_FALSE(seen.note(fingerprint_of(kOther), 0));
  EXPECT_TRUE(seen.note(fingerprint_of(kStory + " reporting by ana ruiz"), 0));
  // A page seen before is a copy whatever the text; no fingerprint, no page:
  // nothing to note.
  EXPECT_FALSE(seen.note(Fingerprint{}, 42));
  EXPECT_TRUE(seen.note(Fingerprint{}, 42));
  EXPECT_FALSE(seen.note(Fingerprint{}, 0));
  EXPECT_FALSE(seen.note(Fingerprint{}, 0));
  seen.clear();
  EXPECT_FALSE(seen.note(fingerprint_of(kStory), 42));
  EXPECT_TRUE(seen.note(fingerprint_of(kStory), 0));
}

TEST(SeenBandsTest, EveryHashIsRememberedAsTheTablesGrowUnderConcurrentWriters) {
  SeenBands seen;
  constexpr std::uint64_t kPages = 200000;  // many times the first table size
  std::vector<std::thread> writers;
  for (std::uint64_t part = 0; part < 2; ++part) {
    writers.emplace_back([&seen, part] {
      for (std::uint64_t page = 1 + part; page <= kPages; page += 2) seen.note(Fingerprint{}, page);
    });
  }
  for (auto& writer : writers) writer.join();
  std::size_t remembered = 0;
  for (std::uint64_t page = 1; page <= kPages; ++page) remembered += seen.note(Fingerprint{}, page);
  EXPECT_EQ(remembered, kPages);
}

TEST(HeldDocumentsTest, RecordsReadBackInOrderAndATruncatedOneIsAnError) {
  testing::TempDir dir;
  const std::string path = dir / "held";
  std::vector<std::string> written;
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 3; ++i) {
      Xapian::Document doc;
      doc.add_term("Qid" + std::to_string(i));
      doc.add_posting("word", 1);
      doc.add_value(3, std::string("\0value", 6));
      doc.set_data("data " + std::to_string(i));
      written.push_back(doc.serialise());
      write_held_record(out, written.back());
    }
    write_held_record(out, "");  // an empty record is a record
  }
  HeldDocumentReader reader(path);
  std::string record;
  for (const std::string& expected : written) {
    ASSERT_TRUE(reader.next(record));
    EXPECT_EQ(record, expected);
    EXPECT_EQ(Xapian::Document::unserialise(record).serialise(), expected);
  }
  ASSERT_TRUE(reader.next(record));
  EXPECT_TRUE(record.empty());
  EXPECT_FALSE(reader.next(record));

  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 12);
  HeldDocumentReader cut(path);
  ASSERT_TRUE(cut.next(record));
  ASSERT_TRUE(cut.next(record));
  EXPECT_THROW(cut.next(record), IndexError);
  EXPECT_THROW(HeldDocumentReader(dir / "missing"), IndexError);
}

}  // namespace
}  // namespace newsdex::indexer
