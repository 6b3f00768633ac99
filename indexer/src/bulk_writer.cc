#include "bulk_writer.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cluster_ledger.h"
#include "held_documents.h"
#include "near_duplicates.h"
#include "newsdex/common/error.h"
#include "newsdex/common/schema.h"

namespace newsdex::indexer {
namespace {

namespace fs = std::filesystem;

// Inside the work directory: the merged index, and the file that says the
// merge finished (written only after compaction succeeded).
constexpr const char* kMergedName = "merged";
constexpr const char* kCompleteName = "merge-complete";

void remove_tree(const fs::path& path) {
  std::error_code ignored;
  fs::remove_all(path, ignored);
}

}  // namespace

std::string bulk_work_dir(const std::string& db_path) {
  fs::path path(db_path);
  if (!path.has_filename()) path = path.parent_path();  // "news.db/" -> "news.db"
  return path.string() + ".newsdex-bulk";
}

namespace {

bool is_empty_index(const std::string& path) {
  try {
    return Xapian::Database(path).get_doccount() == 0;
  } catch (const Xapian::Error&) {
    return false;  // unreadable: leave it to the caller's open to report
  }
}

// Moves `merged` to `output`, first moving an existing (empty) index at
// `output` into `work` (removed with it).
void move_into_place(const fs::path& merged, const fs::path& work, const std::string& output) {
  std::error_code error;
  if (fs::exists(output, error)) {
    fs::rename(output, work / "replaced", error);
    if (error) throw IndexError(output + ": cannot move the empty index aside: " + error.message());
  }
  fs::rename(merged, output, error);
  if (error) {
    throw IndexError(output + ": cannot move the merged index into place: " + error.message());
  }
}

}  // namespace

void recover_bulk_build(const std::string& db_path) {
  const fs::path work = bulk_work_dir(db_path);
  std::error_code error;
  if (!fs::exists(work, error)) return;
  // A merge that finished before the crash is whole: finish moving it in,
  // unless the index has been written to since.
  if (fs::exists(work / kCompleteName, error) && fs::exists(work / kMergedName, error) &&
      (!fs::exists(db_path, error) || is_empty_index(db_path))) {
    move_into_place(work / kMergedName, work, db_path);
  }
  remove_tree(work);
}

BulkWriter::BulkWriter(const std::string& db_path, unsigned threads, const IndexOptions& options,
                       SharedBuild* shared)
    : work_dir_(bulk_work_dir(db_path)),
      segment_documents_(static_cast<Xapian::doccount>(options.segment_size)),
      held_batch_(static_cast<Xapian::doccount>(
          std::max<std::size_t>(1, options.batch_size / std::max(1U, threads)))),
      shared_(shared ? shared : &own_shared_) {
  remove_tree(work_dir_);
  std::error_code error;
  fs::create_directories(work_dir_, error);
  if (error) throw IndexError(work_dir_ + ": cannot create: " + error.message());
  for (unsigned i = 0; i < threads; ++i) {
    workers_.push_back(std::make_unique<ShardWorker>(
        (fs::path(work_dir_) / ("segment-" + std::to_string(i))).string(), options,
        segment_documents_, ShardWorker::Storage::kSegments, &shared_->seen));
  }
  held_segments_.resize(workers_.size());
}

BulkWriter::~BulkWriter() {
  workers_.clear();  // stops the threads before their databases go
  if (!merged_) remove_tree(work_dir_);
}

ShardWorker& BulkWriter::worker_for(const std::string& unique_term) {
  return *workers_[std::hash<std::string>{}(unique_term) % workers_.size()];
}

const BulkWriter::Version* BulkWriter::current(const std::string& unique_term) const {
  if (const auto pending = pending_ids_.find(unique_term); pending != pending_ids_.end()) {
    return pending->second ? &*pending->second : nullptr;
  }
  if (const auto flushed = flushed_ids_.find(unique_term); flushed != flushed_ids_.end()) {
    return &flushed->second;
  }
  return nullptr;
}

AddOutcome BulkWriter::add(std::string unique_term, const Article& article, std::string hash) {
  const Version* before = current(unique_term);
  if (before && before->hash == hash) return AddOutcome::kUnchanged;
  const std::uint64_t seq = next_seq();
  if (before) pending_supersessions_.emplace_back(before->seq, seq);
  // New to the build: no older version to replace (a removed one is gone).
  const bool is_new =
      !before && flushed_ids_.count(unique_term) == 0 && pending_ids_.count(unique_term) == 0;
  worker_for(unique_term).add(unique_term, article, hash, is_new, seq);
  const AddOutcome outcome = before ? AddOutcome::kReplaced : AddOutcome::kAdded;
  pending_ids_[std::move(unique_term)] = Version{std::move(hash), seq};
  return outcome;
}

void BulkWriter::sketch_only(std::string unique_term, const Article& article, std::string hash) {
  const Version* before = current(unique_term);
  if (before && before->hash == hash) return;
  const std::uint64_t seq = next_seq();
  if (before) pending_supersessions_.emplace_back(before->seq, seq);
  worker_for(unique_term)
      .add(unique_term, article, hash, false, seq, ShardWorker::Write::kSketchOnly);
  pending_ids_[std::move(unique_term)] = Version{std::move(hash), seq};
}

bool BulkWriter::remove(std::string unique_term) {
  const Version* before = current(unique_term);
  if (!before) return false;
  pending_supersessions_.emplace_back(before->seq, next_seq());
  worker_for(unique_term).remove(unique_term);
  pending_ids_[std::move(unique_term)] = std::nullopt;
  return true;
}

void BulkWriter::flush() {
  for (auto& worker : workers_) worker->flush();
  for (auto& [term, version] : pending_ids_) {
    if (version) {
      flushed_ids_[term] = std::move(*version);
    } else {
      flushed_ids_.erase(term);
    }
  }
  pending_ids_.clear();
  flushed_supersessions_.insert(flushed_supersessions_.end(), pending_supersessions_.begin(),
                                pending_supersessions_.end());
  pending_supersessions_.clear();
}

void BulkWriter::discard() {
  for (auto& worker : workers_) worker->discard();
  pending_ids_.clear();
  pending_supersessions_.clear();
}

namespace {

// Writes `spellings` as the spelling tables of `parts` new databases in
// `dir`, each on its own thread, a word going to the part its hash names;
// returns their paths. Xapian's add_spelling indexes every word's letter
// fragments, a serial cost as large as a good part of the build; split by
// word, the parts share no entries, so compaction merges them cheaply.
std::vector<std::string> write_spelling_parts(const Spellings& spellings, std::size_t parts,
                                              const fs::path& dir) {
  std::vector<std::string> paths;
  std::vector<std::future<void>> writers;
  for (std::size_t part = 0; part < parts; ++part) {
    paths.push_back((dir / ("spelling-" + std::to_string(part))).string());
    writers.push_back(
        std::async(std::launch::async, [&spellings, parts, part, path = paths.back()] {
          Xapian::WritableDatabase db(path, Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
          const std::hash<std::string> hash;
          for (const auto& [word, count] : spellings) {
            if (hash(word) % parts == part) db.add_spelling(word, count);
          }
          db.commit();
        }));
  }
  for (auto& writer : writers) writer.get();  // rethrows a writer's failure
  return paths;
}

}  // namespace

void BulkWriter::finish() {
  flush();
  for (auto& worker : workers_) worker->finish();
}

void BulkWriter::hand_to(ClusterLedger& ledger, std::uint32_t first_writer) {
  shared_->seen.clear();  // every writer of the build has finished
  for (std::size_t writer = 0; writer < workers_.size(); ++writer) {
    std::vector<ArticleSketch>& sketches = workers_[writer]->sketches();
    for (ArticleSketch& sketch : sketches) {
      sketch.writer = sketch.written ? first_writer + static_cast<std::uint32_t>(writer)
                                     : ArticleSketch::kNoWriter;
    }
    ledger.add(std::move(sketches));
    sketches.clear();
  }
  for (const auto& [seq, at] : flushed_supersessions_) ledger.supersede(seq, at);
}

namespace {

void change_key(Xapian::Document& doc, const ClusterChange& change) {
  switch (change.kind) {
    case ClusterChange::Kind::kJoin:
      set_cluster_key(doc, change.key);
      break;
    case ClusterChange::Kind::kStart:
      set_cluster_value(doc, change.key);
      break;
    case ClusterChange::Kind::kAlone:
      break;
  }
}

// Rewrites the documents of `changes` in place in `segment`.
void change_in_segment(const std::string& segment,
                       const std::vector<const ClusterChange*>& changes) {
  Xapian::WritableDatabase db(segment, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
  for (const ClusterChange* change : changes) {
    Xapian::Document doc = db.get_document(change->docid);
    // Only what changed is rewritten (the document came from this
    // database): a starter's value, which leaves its terms unread; a
    // joiner's term and value.
    change_key(doc, *change);
    db.replace_document(change->docid, doc);
  }
  db.commit();
}

// Writes the held documents of `held_path` that `held` names (by their
// place; null: superseded) with their keys, into new segments named after
// `base`; returns their paths.
// Commits every `batch` documents: what each writer buffered before, so
// that the build's peak memory does not grow here.
std::vector<std::string> write_held(const std::string& held_path,
                                    const std::vector<const ClusterChange*>& held,
                                    const std::string& base, Xapian::doccount segment_documents,
                                    Xapian::doccount batch) {
  std::vector<std::string> paths;
  std::optional<Xapian::WritableDatabase> db;
  HeldDocumentReader reader(held_path);
  std::string record;
  for (std::size_t place = 0; place < held.size(); ++place) {
    // The file holds every flushed held document: one missing is lost data.
    if (!reader.next(record)) {
      throw IndexError(held_path + ": held documents file ends after " + std::to_string(place) +
                       " of " + std::to_string(held.size()) + " records");
    }
    if (!held[place]) continue;
    if (!db) {
      paths.push_back(base + "-held-" + std::to_string(paths.size()));
      db.emplace(paths.back(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
    }
    Xapian::Document doc = Xapian::Document::unserialise(record);
    change_key(doc, *held[place]);
    db->add_document(doc);
    const Xapian::doccount count = db->get_doccount();
    // Small databases take documents faster (shard_worker.h).
    if (count >= segment_documents) {
      db->commit();
      db.reset();
    } else if (count % batch == 0) {
      db->commit();
    }
  }
  if (db) db->commit();
  std::error_code ignored;
  fs::remove(held_path, ignored);  // read once; its space is the compaction's
  return paths;
}

}  // namespace

void BulkWriter::apply(const std::vector<ClusterChange>& changes, std::uint32_t first_writer) {
  // Each writer's segments on their own thread: they share nothing.
  std::vector<std::future<void>> writers;
  for (std::size_t writer = 0; writer < workers_.size(); ++writer) {
    const std::uint32_t number = first_writer + static_cast<std::uint32_t>(writer);
    writers.push_back(std::async(std::launch::async, [&, writer, number] {
      const ShardWorker& worker = *workers_[writer];
      const std::vector<std::string>& paths = worker.segment_paths();
      std::vector<std::vector<const ClusterChange*>> by_segment(paths.size());
      std::vector<const ClusterChange*> held(worker.held_count(), nullptr);
      for (const ClusterChange& change : changes) {
        if (change.writer != number) continue;
        if (change.held) {
          held.at(change.docid) = &change;
        } else {
          by_segment.at(change.segment).push_back(&change);
        }
      }
      for (std::size_t segment = 0; segment < paths.size(); ++segment) {
        if (!by_segment[segment].empty()) change_in_segment(paths[segment], by_segment[segment]);
      }
      if (!held.empty()) {
        held_segments_[writer] = write_held(worker.held_path(), held, worker.base_path(),
                                            segment_documents_, held_batch_);
      }
    }));
  }
  for (auto& writer : writers) writer.get();  // rethrows a writer's failure
}

Spellings BulkWriter::take_spellings() {
  Spellings spellings;
  for (const auto& worker : workers_) {
    for (const auto& [word, count] : worker->spellings()) spellings[word] += count;
    worker->spellings().clear();
  }
  return spellings;
}

void BulkWriter::compact_into(const std::string& output, const Spellings& spellings) {
  const fs::path merged = fs::path(work_dir_) / kMergedName;
  try {
    std::vector<std::string> sources;
    for (std::size_t writer = 0; writer < workers_.size(); ++writer) {
      const auto& paths = workers_[writer]->segment_paths();
      sources.insert(sources.end(), paths.begin(), paths.end());
      const auto& held = held_segments_[writer];
      sources.insert(sources.end(), held.begin(), held.end());
    }
    if (!spellings.empty()) {
      const auto parts = write_spelling_parts(spellings, workers_.size(), work_dir_);
      sources.insert(sources.end(), parts.begin(), parts.end());
    }
    Xapian::Database segments;
    for (const std::string& path : sources) segments.add_database(Xapian::Database(path));
    segments.compact(merged.string());
  } catch (const Xapian::Error& e) {
    throw IndexError(work_dir_ + ": merging index segments: " + e.get_description());
  }
  std::ofstream(fs::path(work_dir_) / kCompleteName) << "merged\n";
  workers_.clear();
  move_into_place(merged, work_dir_, output);
  merged_ = true;
  remove_tree(work_dir_);
}

void BulkWriter::merge_into(const std::string& output) {
  finish();
  try {
    // Segments are written in parallel, so each article's cluster (that of
    // its closest earlier copy) is settled once every writer has finished,
    // before the merge (cluster_ledger.h).
    ClusterLedger ledger;
    hand_to(ledger, 0);
    apply(ledger.settle(), 0);
  } catch (const Xapian::Error& e) {
    throw IndexError(work_dir_ + ": merging index segments: " + e.get_description());
  }
  compact_into(output, take_spellings());
}

}  // namespace newsdex::indexer
