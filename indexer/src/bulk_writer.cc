#include "bulk_writer.h"

#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <unordered_map>
#include <utility>
#include <vector>

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

BulkWriter::BulkWriter(const std::string& db_path, unsigned threads, const IndexOptions& options)
    : work_dir_(bulk_work_dir(db_path)) {
  remove_tree(work_dir_);
  std::error_code error;
  fs::create_directories(work_dir_, error);
  if (error) throw IndexError(work_dir_ + ": cannot create: " + error.message());
  for (unsigned i = 0; i < threads; ++i) {
    workers_.push_back(std::make_unique<ShardWorker>(
        (fs::path(work_dir_) / ("segment-" + std::to_string(i))).string(), options,
        static_cast<Xapian::doccount>(options.segment_size)));
  }
}

BulkWriter::~BulkWriter() {
  workers_.clear();  // stops the threads before their databases go
  if (!merged_) remove_tree(work_dir_);
}

ShardWorker& BulkWriter::worker_for(const std::string& unique_term) {
  return *workers_[std::hash<std::string>{}(unique_term) % workers_.size()];
}

std::optional<std::string> BulkWriter::current_hash(const std::string& unique_term) const {
  if (const auto pending = pending_ids_.find(unique_term); pending != pending_ids_.end()) {
    return pending->second;
  }
  if (const auto flushed = flushed_ids_.find(unique_term); flushed != flushed_ids_.end()) {
    return flushed->second;
  }
  return std::nullopt;
}

AddOutcome BulkWriter::add(std::string unique_term, const Article& article, std::string hash) {
  const std::optional<std::string> before = current_hash(unique_term);
  if (before && *before == hash) return AddOutcome::kUnchanged;
  // New to the build: no older version to replace (a removed one is gone).
  const bool is_new =
      !before && flushed_ids_.count(unique_term) == 0 && pending_ids_.count(unique_term) == 0;
  worker_for(unique_term).add(unique_term, article, hash, is_new);
  added_at_[unique_term] = next_addition_++;
  pending_ids_[std::move(unique_term)] = std::move(hash);
  return before ? AddOutcome::kReplaced : AddOutcome::kAdded;
}

bool BulkWriter::remove(std::string unique_term) {
  if (!current_hash(unique_term)) return false;
  worker_for(unique_term).remove(unique_term);
  pending_ids_[std::move(unique_term)] = std::nullopt;
  return true;
}

void BulkWriter::flush() {
  for (auto& worker : workers_) worker->flush();
  for (auto& [term, hash] : pending_ids_) {
    if (hash) {
      flushed_ids_[term] = std::move(*hash);
    } else {
      flushed_ids_.erase(term);
    }
  }
  pending_ids_.clear();
}

void BulkWriter::discard() {
  for (auto& worker : workers_) worker->discard();
  pending_ids_.clear();
}

namespace {

using Spellings = std::unordered_map<std::string, Xapian::termcount>;

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

void BulkWriter::assign_clusters(const std::string& path) const {
  Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
  // Only articles that share a band or a page with another can join a
  // cluster; the rest keep the key of their own, so only these are read.
  const SharedBands bands(db);
  struct Member {
    std::uint64_t added;      // input order
    Fingerprint fingerprint;  // empty: text too short
    std::string page;         // page term, or empty
    std::string key;
    bool settled = false;  // its cluster is final: later articles may join it
  };
  std::unordered_map<Xapian::docid, Member> members;
  std::vector<std::pair<std::uint64_t, Xapian::docid>> order;
  const std::string id_prefix(schema::kIdPrefix);
  for (Xapian::docid did : bands.articles()) {
    const Xapian::Document doc = db.get_document(did);
    const Fingerprint fingerprint =
        Fingerprint::decode(doc.get_value(schema::kSlotFingerprint)).value_or(Fingerprint{});
    std::uint64_t added = UINT64_MAX - 1;
    auto term = doc.termlist_begin();
    term.skip_to(id_prefix);
    if (term != doc.termlist_end() && (*term).compare(0, id_prefix.size(), id_prefix) == 0) {
      if (const auto at = added_at_.find(*term); at != added_at_.end()) added = at->second;
    }
    members.emplace(did, Member{added, fingerprint, page_term_of(doc),
                                schema::cluster_key(doc.get_value(schema::kSlotCluster))});
    order.emplace_back(added, did);
  }
  // In input order, as one writer would have given the clusters.
  std::sort(order.begin(), order.end());
  for (const auto& [added, did] : order) {
    Member& member = members.at(did);
    const auto key = closest_cluster(
        member.fingerprint, bands.candidates_of(did),
        [&members, &member, added = added](Xapian::docid other) -> std::optional<ClusterCandidate> {
          const auto found = members.find(other);
          if (found == members.end() || !found->second.settled || found->second.added >= added) {
            return std::nullopt;
          }
          const Member& earlier = found->second;
          return ClusterCandidate{earlier.fingerprint, earlier.key,
                                  !member.page.empty() && earlier.page == member.page};
        });
    if (key && *key != member.key) {
      Xapian::Document doc = db.get_document(did);
      set_cluster_key(doc, *key);
      // Only the changed value and term are rewritten: the document came
      // from this database.
      db.replace_document(did, doc);
      member.key = *key;
    }
    member.settled = true;
  }
  db.commit();
}

void BulkWriter::merge_into(const std::string& output) {
  flush();
  for (auto& worker : workers_) worker->finish();
  const fs::path merged = fs::path(work_dir_) / kMergedName;
  try {
    // The spelling dictionary, gathered by every writer, written once.
    Spellings spellings;
    for (const auto& worker : workers_) {
      for (const auto& [word, count] : worker->spellings()) spellings[word] += count;
      worker->spellings().clear();
    }
    std::vector<std::string> sources;
    for (const auto& worker : workers_) {
      const auto& paths = worker->segment_paths();
      sources.insert(sources.end(), paths.begin(), paths.end());
    }
    if (!spellings.empty()) {
      const auto parts = write_spelling_parts(spellings, workers_.size(), work_dir_);
      sources.insert(sources.end(), parts.begin(), parts.end());
    }
    Xapian::Database segments;
    for (const std::string& path : sources) segments.add_database(Xapian::Database(path));
    segments.compact(merged.string());
    assign_clusters(merged.string());
  } catch (const Xapian::Error& e) {
    throw IndexError(work_dir_ + ": merging index segments: " + e.get_description());
  }
  std::ofstream(fs::path(work_dir_) / kCompleteName) << "merged\n";
  workers_.clear();
  move_into_place(merged, work_dir_, output);
  merged_ = true;
  remove_tree(work_dir_);
}

}  // namespace newsdex::indexer
