// Tests of the XML feed readers (RSS 2.0/1.0, Atom, NewsML-G2, NITF) on
// hand-written fixtures in corpus/fixtures/{rss,atom,newsml,nitf}: every
// mapped field, encodings, faults, detection by content, a random-mutation
// property test and an import end to end.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <vector>

#include "newsdex/common/date.h"
#include "newsdex/common/error.h"
#include "newsdex/indexer/import.h"
#include "newsdex/indexer/indexer.h"
#include "readers/atom_reader.h"
#include "readers/newsml_reader.h"
#include "readers/nitf_reader.h"
#include "readers/rss_reader.h"
#include "temp_dir.h"

namespace newsdex::indexer {
namespace {

std::string fixture_path(const std::string& name) {
  return std::string(NEWSDEX_SOURCE_DIR) + "/corpus/fixtures/" + name;
}

std::string slurp(const std::string& name) {
  std::ifstream in(fixture_path(name), std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Result {
  std::vector<Article> articles;
  std::vector<std::uint64_t> records;
  std::vector<InputWarning> warnings;
  std::vector<InputError> errors;
};

// Reads every record of a fixture with the reader for `format`.
Result read_all(const std::string& name, InputFormat format) {
  std::istringstream in(slurp(name));
  auto reader = make_reader(in, name, format, ReaderOptions{});
  Result result;
  reader->set_warning_handler([&](const InputWarning& w) { result.warnings.push_back(w); });
  for (int calls = 0; calls < 100; ++calls) {
    try {
      std::optional<Article> article = reader->next();
      if (!article) break;
      result.articles.push_back(std::move(*article));
      result.records.push_back(reader->record());
    } catch (const InputError& error) {
      result.errors.push_back(error);
    }
  }
  return result;
}

std::string published(const Article& a) {
  return a.published ? format_iso8601(*a.published) : "(none)";
}

TEST(RssReader, MapsEveryField) {
  const Result r = read_all("rss/rss2.xml", InputFormat::kRss);
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.records, (std::vector<std::uint64_t>{8, 20}));
  const Article& a = r.articles[0];
  EXPECT_EQ(a.title, "Harbour reopens after storm");
  EXPECT_EQ(a.url, "https://coast.example/harbour");
  EXPECT_EQ(a.id, "coast-2024-0301-harbour");
  EXPECT_EQ(published(a), "2024-03-01T09:30:00Z");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Ann Lee", "Bo Chen"}));
  EXPECT_EQ(a.topics, (std::vector<std::string>{"Local", "Weather"}));
  // content:encoded is longer than the description, so it is the body.
  EXPECT_EQ(a.body, "The harbour reopened on Friday & boats returned.\n\nRepairs took two weeks.");
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.source, "Coast Daily");
}

TEST(RssReader, HtmlInDescriptionAndPermalinkGuid) {
  const Result r = read_all("rss/rss2.xml", InputFormat::kRss);
  ASSERT_EQ(r.articles.size(), 2u);
  const Article& b = r.articles[1];
  EXPECT_EQ(b.title, "Ferry & bus timetable changes");
  EXPECT_EQ(b.url, "https://coast.example/ferry");
  EXPECT_EQ(b.id, "https://coast.example/ferry");
  EXPECT_EQ(b.body, "New times from Monday.\n\nSecond paragraph.");
  EXPECT_FALSE(b.published);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].to_string(),
            "rss/rss2.xml:20: published: not a date: \"next Tuesday\"; indexed without a date");
}

TEST(RssReader, Rss10WithPrefixedDublinCore) {
  const Result r = read_all("rss/rss1.rdf", InputFormat::kRss);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_TRUE(r.warnings.empty());
  const Article& a = r.articles[0];
  EXPECT_EQ(r.records[0], 9u);
  EXPECT_EQ(a.title, "Schnee in Wien");
  EXPECT_EQ(a.url, "https://alpen.example/schnee");
  EXPECT_EQ(a.id, "https://alpen.example/schnee");
  EXPECT_EQ(published(a), "2024-03-01T08:30:00Z");
  EXPECT_EQ(a.authors, std::vector<std::string>{"Eva Gruber"});
  EXPECT_EQ(a.topics, std::vector<std::string>{"Wetter"});
  EXPECT_EQ(a.language, "de");
  EXPECT_EQ(a.source, "Alpen Nachrichten");
  EXPECT_EQ(a.body, "Es schneit seit Montag.");
}

TEST(RssReader, DeclaredWindows1252IsConverted) {
  const Result r = read_all("rss/windows1252.xml", InputFormat::kRss);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(r.articles[0].title,
            "\xE2\x80\x9C"
            "Caf\xC3\xA9\xE2\x80\x9D prices up 5 \xE2\x82\xAC");
  EXPECT_EQ(r.articles[0].body,
            "Cr\xC3\xA8me br\xC3\xBBl\xC3\xA9"
            "e \xE2\x80\x93 na\xC3\xAFve.");
  EXPECT_EQ(r.articles[0].source, "Caf\xC3\xA9 News");
}

TEST(RssReader, StrayWindows1252BytesInUtf8AreRepairedWithAWarning) {
  const Result r = read_all("rss/stray_cp1252.xml", InputFormat::kRss);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].title, "Caf\xC3\xA9 and caf\xC3\xA9 prices");
  EXPECT_EQ(r.articles[0].body,
            "It\xE2\x80\x99s \xE2\x80\x9C"
            "fine\xE2\x80\x9D.");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].to_string(),
            "rss/stray_cp1252.xml: 2 bytes not valid UTF-8; decoded as Windows-1252");
}

TEST(RssReader, DoubleEncodedUtf8IsUndoneWithAWarning) {
  const Result r = read_all("rss/double_encoded.xml", InputFormat::kRss);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].title,
            "Stra\xC3\x9F"
            "e in K\xC3\xB6ln \xE2\x80\x93 gesperrt");
  EXPECT_EQ(r.articles[0].source, "K\xC3\xB6lner Blatt");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].to_string(),
            "rss/double_encoded.xml: 4 double-encoded UTF-8 sequences repaired");
}

TEST(RssReader, MalformedFeedGivesTheItemsBeforeTheFaultThenAnError) {
  const Result r = read_all("rss/malformed.xml", InputFormat::kRss);
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].title, "First");
  EXPECT_EQ(r.articles[1].title, "Second");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line(), 7u);
  EXPECT_EQ(std::string(r.errors[0].what()),
            "rss/malformed.xml:7: not well-formed XML: Start-end tags mismatch");
}

TEST(RssReader, EmptyFeedWarns) {
  const Result r = read_all("rss/empty.xml", InputFormat::kRss);
  EXPECT_TRUE(r.articles.empty());
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].record, 0u);
  EXPECT_EQ(r.warnings[0].message, "no item elements: nothing to read");
}

TEST(RssReader, NotXmlAtAllIsAnErrorNotACrash) {
  std::istringstream in("this is not XML");
  RssReader reader(in, "junk.rss");
  EXPECT_THROW(reader.next(), InputError);
  EXPECT_FALSE(reader.next());
}

TEST(RssReader, Utf16WithByteOrderMark) {
  const std::string text =
      "<rss><channel><title>S</title><item><title>T\xC3\xA9</title></item>"
      "</channel></rss>";
  std::string utf16 = "\xFF\xFE";
  for (char c : text) {
    // Only ASCII and the two bytes of U+00E9 occur: write them as UTF-16LE.
    if (c == '\xC3') continue;
    utf16 += c == '\xA9' ? '\xE9' : c;
    utf16 += '\0';
  }
  std::istringstream in(utf16);
  RssReader reader(in, "utf16.rss");
  std::optional<Article> a = reader.next();
  ASSERT_TRUE(a);
  EXPECT_EQ(a->title, "T\xC3\xA9");
  EXPECT_EQ(a->source, "S");
}

TEST(AtomReader, MapsEveryField) {
  const Result r = read_all("atom/feed.atom", InputFormat::kAtom);
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(r.records, (std::vector<std::uint64_t>{5, 18}));
  const Article& a = r.articles[0];
  EXPECT_EQ(a.title, "Neue Chips");
  EXPECT_EQ(a.url, "https://tech.example/chips");
  EXPECT_EQ(a.id, "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
  EXPECT_EQ(published(a), "2024-03-01T09:30:00Z");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Ann Lee", "Bo Chen"}));
  EXPECT_EQ(a.topics, std::vector<std::string>{"hardware"});
  EXPECT_EQ(a.body, "Die neuen Chips sind da.\n\nSie sind schnell.");
  EXPECT_EQ(a.language, "de");
  EXPECT_EQ(a.source, "Technik Blog");

  const Article& b = r.articles[1];
  EXPECT_EQ(b.title, "Plain title");
  EXPECT_EQ(b.url, "https://tech.example/plain");
  EXPECT_EQ(b.id, "tag:tech.example,2024:plain");
  EXPECT_EQ(published(b), "2024-03-01T09:30:00Z");              // from <updated>
  EXPECT_EQ(b.authors, std::vector<std::string>{"Redaktion"});  // the feed's author
  EXPECT_EQ(b.body, "First & foremost.\n\nSecond.");            // type="xhtml"
  EXPECT_EQ(b.language, "en");
}

TEST(NewsMlReader, MapsEveryField) {
  const Result r = read_all("newsml/item.xml", InputFormat::kNewsMl);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(r.records[0], 2u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.id, "urn:newsml:wire.example:20240301:harbour");
  EXPECT_EQ(a.title, "Central bank holds rates");
  EXPECT_EQ(a.body, "The central bank held its rates on Friday.\n\nMarkets had expected the move.");
  EXPECT_EQ(published(a), "2024-03-01T09:30:00Z");  // versionCreated
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Ann Lee", "Bo Chen"}));
  EXPECT_EQ(a.topics, (std::vector<std::string>{"money and monetary policy",
                                                "economy, business and finance"}));
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.source, "Wire Example");
}

TEST(NewsMlReader, NewsMessageWithSeveralItems) {
  const Result r = read_all("newsml/message.xml", InputFormat::kNewsMl);
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.records, (std::vector<std::uint64_t>{5, 10}));
  EXPECT_EQ(r.articles[0].id, "urn:a");
  EXPECT_EQ(r.articles[0].body, "Plain text body.");
  EXPECT_EQ(r.articles[0].source, "Wire Example");
  EXPECT_EQ(published(r.articles[0]), "2024-03-01");  // contentCreated, date only
  EXPECT_EQ(r.articles[1].title, "Second item");
  EXPECT_EQ(r.articles[1].body, "XHTML body.");
  EXPECT_EQ(r.articles[1].source, "WIRE");
  EXPECT_FALSE(r.articles[1].published);
}

TEST(NitfReader, MapsEveryField) {
  const Result r = read_all("nitf/story.xml", InputFormat::kNitf);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(r.records[0], 2u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.id, "coast-20240301-harbour");
  EXPECT_EQ(a.title, "Harbour reopens after storm");
  EXPECT_EQ(a.body, "The harbour reopened on Friday.\n\nRepairs took two weeks.");
  EXPECT_EQ(published(a), "2024-03-01T09:30:00Z");  // date.issue norm, ISO basic
  EXPECT_EQ(a.authors, std::vector<std::string>{"Ann Lee"});
  EXPECT_EQ(a.topics, (std::vector<std::string>{"harbour", "storm", "shipping"}));
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.source, "Coast Daily");
}

TEST(XmlFormats, DetectedByContent) {
  EXPECT_EQ(format_from_content(slurp("rss/rss2.xml")), InputFormat::kRss);
  EXPECT_EQ(format_from_content(slurp("rss/rss1.rdf")), InputFormat::kRss);
  EXPECT_EQ(format_from_content(slurp("atom/feed.atom")), InputFormat::kAtom);
  EXPECT_EQ(format_from_content(slurp("newsml/message.xml")), InputFormat::kNewsMl);
  EXPECT_EQ(format_from_content(slurp("nitf/story.xml")), InputFormat::kNitf);
  // A NewsML-G2 item carrying NITF is NewsML-G2: the root element decides.
  EXPECT_EQ(format_from_content(slurp("newsml/item.xml")), InputFormat::kNewsMl);
  EXPECT_EQ(format_from_content("<?xml version=\"1.0\"?>\n<!-- <nitf> -->\n<a:feed xmlns:a=\"x\">"),
            InputFormat::kAtom);

  auto reader = open_reader(fixture_path("nitf/story.xml"), ReaderOptions{});
  std::optional<Article> a = reader->next();
  ASSERT_TRUE(a);
  EXPECT_EQ(a->id, "coast-20240301-harbour");
}

// Random byte mutations of every fixture: a reader only returns articles or
// throws InputError, and always comes to an end.
// Every XML format reads a date through the same path: epoch digits are
// dates as in any other input, and a date that is none is a warning that
// costs the record its date only.
TEST(XmlFormats, NumericAndUnreadableDates) {
  struct Format {
    InputFormat format;
    std::string before, after;  // a document with one record around its date
  };
  const Format formats[] = {
      {InputFormat::kRss, "<rss><channel><item><guid>a</guid><title>A</title><pubDate>",
       "</pubDate></item></channel></rss>"},
      {InputFormat::kAtom,
       "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>a</id><title>A</title>"
       "<published>",
       "</published></entry></feed>"},
      {InputFormat::kNewsMl, "<newsItem guid=\"a\"><itemMeta><versionCreated>",
       "</versionCreated></itemMeta><contentMeta><headline>A</headline></contentMeta>"
       "</newsItem>"},
      {InputFormat::kNitf,
       "<nitf><head><title>A</title><docdata><doc-id id-string=\"a\"/><date.issue norm=\"",
       "\"/></docdata></head><body/></nitf>"},
  };
  struct Case {
    const char* date;
    const char* published;  // "(none)": a warning is expected
  };
  const Case cases[] = {
      {"1700000000", "2023-11-14T22:13:20Z"},
      {"1700000000000", "2023-11-14T22:13:20Z"},
      {" 1700000000.5 ", "2023-11-14T22:13:20Z"},
      {"1e400", "(none)"},
      {"-1700000000", "(none)"},
      {"NaN", "(none)"},
      {"99999999999999999999", "(none)"},
  };
  for (const Format& f : formats) {
    for (const Case& c : cases) {
      std::istringstream in(f.before + c.date + f.after);
      auto reader = make_reader(in, "feed", f.format, ReaderOptions{});
      std::vector<InputWarning> warnings;
      reader->set_warning_handler([&](const InputWarning& w) { warnings.push_back(w); });
      const std::optional<Article> article = reader->next();
      const std::string label = std::string(format_name(f.format)) + " " + c.date;
      ASSERT_TRUE(article) << label;
      EXPECT_EQ(article->title, "A") << label;
      EXPECT_EQ(published(*article), c.published) << label;
      if (std::string(c.published) == "(none)") {
        ASSERT_EQ(warnings.size(), 1u) << label;
        EXPECT_EQ(warnings[0].to_string(), std::string("feed:1: published: not a date: \"") +
                                               c.date + "\"; indexed without a date")
            << label;
      } else {
        EXPECT_TRUE(warnings.empty()) << label;
      }
    }
  }
}

TEST(XmlReaderProperty, MutatedFeedsNeverCrash) {
  const std::pair<const char*, InputFormat> fixtures[] = {
      {"rss/rss2.xml", InputFormat::kRss},          {"rss/rss1.rdf", InputFormat::kRss},
      {"atom/feed.atom", InputFormat::kAtom},       {"newsml/item.xml", InputFormat::kNewsMl},
      {"newsml/message.xml", InputFormat::kNewsMl}, {"nitf/story.xml", InputFormat::kNitf}};
  std::mt19937 random(5);
  for (const auto& [name, format] : fixtures) {
    const std::string original = slurp(name);
    for (int round = 0; round < 200; ++round) {
      std::string bytes = original;
      const int edits = std::uniform_int_distribution<int>(1, 8)(random);
      for (int e = 0; e < edits; ++e) {
        const std::size_t at =
            std::uniform_int_distribution<std::size_t>(0, bytes.size() - 1)(random);
        switch (random() % 3) {
          case 0:
            bytes[at] = static_cast<char>(random() % 256);
            break;
          case 1:
            bytes.erase(at, random() % 16);
            break;
          default:
            bytes.insert(at, bytes.substr(at / 2, random() % 32));
            break;
        }
      }
      std::istringstream in(bytes);
      auto reader = make_reader(in, name, format, ReaderOptions{});
      bool ended = false;
      for (std::size_t calls = 0; calls < bytes.size() + 2 && !ended; ++calls) {
        try {
          ended = !reader->next();
        } catch (const InputError&) {
        }
      }
      ASSERT_TRUE(ended) << name << " round " << round;
    }
  }
}

TEST(XmlImport, FeedsImportEndToEnd) {
  testing::TempDir dir;
  IndexOptions options;
  options.db_path = dir / "db";
  Indexer indexer(options);
  std::vector<std::string> errors, warnings;
  ImportCallbacks callbacks;
  callbacks.on_rejected = [&](const InputError& e) { errors.push_back(e.what()); };
  callbacks.on_warning = [&](const InputWarning& w) { warnings.push_back(w.to_string()); };
  const ImportReport report = import_inputs(
      indexer, {fixture_path("rss/rss2.xml"), fixture_path("rss/malformed.xml")}, callbacks);
  EXPECT_EQ(report.added, 4u);
  EXPECT_EQ(report.rejected, 1u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("malformed.xml:7: not well-formed XML"), std::string::npos) << errors[0];
  EXPECT_EQ(indexer.document_count(), 4u);
}

}  // namespace
}  // namespace newsdex::indexer
