// xapian-floor: the limit a Xapian-based engine can approach, for bench/run.
//
// Indexing: newsdex's own documents (DocumentBuilder, one thread) are built
// in memory a chunk at a time, untimed; only Xapian's add_document and the
// commits are timed, into one database, as one writer does. With
// `index-segments`, the layout of newsdex's parallel build instead: every
// round, THREADS writers each write SEGMENT documents into a new database of
// their own at once; at the end all are merged by one compaction, timed too.
// Queries: the bare match (BM25 with newsdex's parameters, top 10, no query
// parsing, snippets or facets) on that database, with the terms newsdex's
// schema gives a word.
//
//   xapian-floor index DB DOCS.jsonl      prints SECONDS<TAB>DOCS on stdout
//   xapian-floor index-segments DB DOCS.jsonl THREADS SEGMENT   the same
//   xapian-floor bench DB WORKLOAD plain  (see workload.h)
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "document_builder.h"
#include "newsdex/common/analyzer.h"
#include "newsdex/common/error.h"
#include "newsdex/common/schema.h"
#include "newsdex/indexer/article_reader.h"
#include "newsdex/indexer/indexer.h"
#include "workload.h"

namespace {

using Clock = std::chrono::steady_clock;

// Documents built per timed round: enough for Xapian's own batching (it
// flushes every 10,000 documents by default), few enough to hold in memory.
constexpr std::size_t kChunk = 10000;

// Reads and builds up to `count` documents (untimed by the callers).
std::vector<Xapian::Document> build_documents(newsdex::indexer::ArticleReader& reader,
                                              newsdex::indexer::DocumentBuilder& builder,
                                              std::size_t count) {
  std::vector<Xapian::Document> documents;
  while (documents.size() < count) {
    std::optional<newsdex::Article> article;
    try {
      article = reader.next();
    } catch (const newsdex::InputError& e) {
      std::cerr << "xapian-floor: skipped: " << e.what() << '\n';
      continue;
    }
    if (!article) break;
    documents.push_back(builder.build(*article));
  }
  return documents;
}

int index_corpus(const std::string& db_path, const std::string& docs_path) {
  newsdex::Analyzer analyzer;
  newsdex::indexer::DocumentBuilder builder(analyzer,
                                            newsdex::indexer::IndexOptions{}.title_weight);
  const auto reader = newsdex::indexer::open_reader(docs_path, {});
  Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
  double writing = 0;
  std::size_t documents = 0;
  const auto timed = [&](auto&& work) {
    const auto before = Clock::now();
    work();
    writing += std::chrono::duration<double>(Clock::now() - before).count();
  };
  for (;;) {
    const std::vector<Xapian::Document> chunk = build_documents(*reader, builder, kChunk);
    if (chunk.empty()) break;
    timed([&] {
      for (const Xapian::Document& doc : chunk) db.add_document(doc);
    });
    documents += chunk.size();
  }
  timed([&] { db.commit(); });
  std::printf("%.3f\t%zu\n", writing, documents);
  return 0;
}

int index_segments(const std::string& db_path, const std::string& docs_path, unsigned threads,
                   std::size_t segment_size) {
  namespace fs = std::filesystem;
  newsdex::Analyzer analyzer;
  newsdex::indexer::DocumentBuilder builder(analyzer,
                                            newsdex::indexer::IndexOptions{}.title_weight);
  const auto reader = newsdex::indexer::open_reader(docs_path, {});
  const fs::path segments_dir = db_path + ".segments";
  fs::remove_all(segments_dir);
  fs::remove_all(db_path);  // compaction does not replace what is there
  fs::create_directories(segments_dir);
  std::vector<std::string> segments;
  double writing = 0;
  std::size_t documents = 0;
  for (bool more = true; more;) {
    std::vector<std::vector<Xapian::Document>> round;
    for (unsigned t = 0; t < threads && more; ++t) {
      round.push_back(build_documents(*reader, builder, segment_size));
      more = round.back().size() == segment_size;
      if (round.back().empty()) round.pop_back();
    }
    const auto before = Clock::now();
    std::vector<std::thread> writers;
    for (const auto& part : round) {
      segments.push_back((segments_dir / std::to_string(segments.size())).string());
      writers.emplace_back([&part, path = segments.back()] {
        Xapian::WritableDatabase segment(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        for (const Xapian::Document& doc : part) segment.add_document(doc);
        segment.commit();
      });
      documents += part.size();
    }
    for (std::thread& writer : writers) writer.join();
    writing += std::chrono::duration<double>(Clock::now() - before).count();
  }
  const auto before = Clock::now();
  Xapian::Database all;
  for (const std::string& segment : segments) all.add_database(Xapian::Database(segment));
  all.compact(db_path);  // as newsdex merges its segments
  writing += std::chrono::duration<double>(Clock::now() - before).count();
  fs::remove_all(segments_dir);
  std::printf("%.3f\t%zu\n", writing, documents);
  return 0;
}

Xapian::Query word_query(const Xapian::Stem& stem, const std::string& word) {
  return Xapian::Query(std::string(newsdex::schema::kStemMarker) + stem(word));
}

int bench_workload(const std::string& db_path, const std::string& workload_path,
                   const std::string& mode) {
  if (workload::parse_mode(mode) != workload::Mode::kPlain) {
    throw std::runtime_error("the floor is the bare match: plain mode only");
  }
  const auto by_class = workload::read_workload(workload_path);
  Xapian::Database db(db_path);
  Xapian::Enquire enquire(db);
  // newsdex's defaults (SearcherOptions: k1 1.2, b 0.7).
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.7, 0.5));
  const Xapian::Stem stem("english");
  std::size_t sink = 0;
  workload::time_classes(by_class, [&](const workload::Query& query) {
    std::vector<Xapian::Query> parts;
    for (const std::string& word : query.words) {
      parts.push_back(word_query(stem, word));  // stems carry the positions (schema 3)
    }
    Xapian::Query match(
        query.query_class == "phrase" ? Xapian::Query::OP_PHRASE : Xapian::Query::OP_AND,
        parts.begin(), parts.end());
    if (query.query_class == "date") {
      match = Xapian::Query(
          Xapian::Query::OP_FILTER, match,
          Xapian::Query(Xapian::Query::OP_VALUE_RANGE, newsdex::schema::kSlotDay,
                        workload::compact_date(query.since), workload::compact_date(query.until)));
    }
    enquire.set_query(match);
    const Xapian::MSet matches = enquire.get_mset(0, 10);
    for (auto it = matches.begin(); it != matches.end(); ++it) sink += *it;
    return matches.get_matches_estimated();
  });
  if (sink == 0) std::cerr << "xapian-floor: no query matched anything\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() == 3 && args[0] == "index") return index_corpus(args[1], args[2]);
    if (args.size() == 5 && args[0] == "index-segments") {
      return index_segments(args[1], args[2], static_cast<unsigned>(std::stoul(args[3])),
                            std::stoul(args[4]));
    }
    if (args.size() == 4 && args[0] == "bench") return bench_workload(args[1], args[2], args[3]);
    std::cerr << "usage: xapian-floor index DB DOCS.jsonl\n"
                 "       xapian-floor index-segments DB DOCS.jsonl THREADS SEGMENT\n"
                 "       xapian-floor bench DB WORKLOAD plain\n";
    return 2;
  } catch (const Xapian::Error& e) {
    std::cerr << "xapian-floor: error: " << e.get_description() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "xapian-floor: error: " << e.what() << '\n';
  }
  return 1;
}
