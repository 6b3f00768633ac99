#include "sharded_writer.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <thread>
#include <unordered_set>

#include "article_sanitizer.h"
#include "near_duplicates.h"
#include "newsdex/common/error.h"
#include "newsdex/common/schema.h"
#include "newsdex/common/shard_layout.h"
#include "stored_article.h"
#include "writable_index.h"

namespace newsdex::indexer {
namespace {

namespace fs = std::filesystem;

bool is_missing_or_empty_dir(const std::string& path) {
  std::error_code error;
  if (!fs::exists(path, error)) return true;
  return fs::is_directory(path, error) && fs::is_empty(path, error);
}

// Creates the folder, the auxiliary database (schema version, shard count)
// and the stub of a new sharded index; the shards are created by their
// writers.
void create_layout(const std::string& dir, unsigned count) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) throw IndexError(dir + ": cannot create: " + error.message());
  const std::string aux = (fs::path(dir) / shards::kAuxName).string();
  try {
    Xapian::WritableDatabase db(aux, Xapian::DB_CREATE_OR_OPEN);
    db.set_metadata(std::string(schema::kSchemaVersionKey), std::string(schema::kSchemaVersion));
    db.set_metadata(std::string(shards::kShardCountKey), std::to_string(count));
    db.commit();
  } catch (const Xapian::Error& e) {
    throw IndexError(aux + ": cannot create the auxiliary database: " + e.get_description());
  }
  // Last: a folder with a stub is a sharded index.
  shards::write_local_stub(dir, count);
}

Xapian::Database open_reader(const std::string& path) {
  try {
    return Xapian::Database(path);
  } catch (const Xapian::Error& e) {
    throw IndexError(path + ": cannot read shard: " + e.get_description());
  }
}

}  // namespace

ShardedWriter::ShardedWriter(IndexOptions options) : options_(std::move(options)) {
  const std::string& dir = options_.db_path;
  if (!shards::is_sharded(dir)) {
    if (options_.shards == 0) {
      throw ConfigError(dir + ": not a sharded index (create one with a number of shards)");
    }
    if (!is_missing_or_empty_dir(dir)) {
      throw ConfigError(dir + ": already holds a single-database index or other files; " +
                        "build a sharded index into a new directory");
    }
    create_layout(dir, options_.shards);
  }
  shard_count_ = shards::read_stub(dir).shard_count();
  if (options_.shards > 0 && options_.shards != shard_count_) {
    throw ConfigError(dir + ": the index has " + std::to_string(shard_count_) + " shards, not " +
                      std::to_string(options_.shards) +
                      " (re-sharding means building a new index)");
  }
  if (options_.only_shard && *options_.only_shard >= shard_count_) {
    throw ConfigError(dir + ": no shard " + std::to_string(*options_.only_shard) +
                      " (the index has " + std::to_string(shard_count_) + ", numbered from 0)");
  }
  if (!options_.write_aux) options_.write_aux = !options_.only_shard.has_value();
  for (unsigned k = 0; k < shard_count_; ++k) {
    if (options_.only_shard && *options_.only_shard != k) continue;
    Shard shard;
    shard.number = k;
    shard.path = (fs::path(dir) / shards::shard_name(k)).string();
    shards_.push_back(std::move(shard));
  }
  // A bulk build of this shard cut short by a crash: finished (if its merge
  // was complete) or removed, while holding the shard's lock.
  for (Shard& shard : shards_) {
    shard.held = open_writable_index(shard.path, "shard");
    std::error_code ignored;
    if (fs::exists(bulk_work_dir(shard.path), ignored)) {
      shard.held->close();
      recover_bulk_build(shard.path);
      shard.held = open_writable_index(shard.path, "shard");
    }
  }
  bulk_ = std::all_of(shards_.begin(), shards_.end(),
                      [](const Shard& shard) { return shard.held->get_doccount() == 0; });
  if (bulk_) {
    const unsigned threads = options_.threads != 0
                                 ? options_.threads
                                 : std::max(1u, std::thread::hardware_concurrency());
    const auto per_shard = std::max(1u, threads / static_cast<unsigned>(shards_.size()));
    // The writers hold a reference to options_, which must not move again.
    for (Shard& shard : shards_) {
      shard.bulk = std::make_unique<BulkWriter>(shard.path, per_shard, options_, &shared_build_);
      shard.reader = open_reader(shard.path);
    }
  } else {
    for (Shard& shard : shards_) shard.held.reset();
    start_in_place();
  }
  if (*options_.write_aux) {
    IndexOptions aux = options_;
    aux.db_path = (fs::path(dir) / shards::kAuxName).string();
    aux.shards = 0;
    aux.only_shard.reset();
    aux.write_aux.reset();
    aux.threads = 1;
    aux_ = std::make_unique<Indexer>(std::move(aux));
    if (options_.only_shard && options_.spelling && !bulk_) {
      analyzer_ = std::make_unique<Analyzer>(options_.analyzer);
      builder_ = std::make_unique<DocumentBuilder>(*analyzer_, options_.title_weight);
    }
  }
}

void ShardedWriter::start_in_place() {
  // The worker holds a reference to options_, which must not move again.
  for (Shard& shard : shards_) {
    shard.worker = std::make_unique<ShardWorker>(shard.path, options_, Xapian::doccount(0),
                                                 ShardWorker::Storage::kShard);
    shard.reader = open_reader(shard.path);
  }
}

ShardedWriter::~ShardedWriter() {
  try {
    // A bulk build's flushed batches are committed work too: finish it.
    if (!pending_ids_.empty() || bulk_) commit();
  } catch (...) {
    // A destructor must not throw; commit() reports failures to callers.
  }
}

ShardedWriter::Shard* ShardedWriter::shard_for(std::string_view id) {
  const unsigned k = shards::shard_of(id, shard_count_);
  for (Shard& shard : shards_) {
    if (shard.number == k) return &shard;
  }
  return nullptr;
}

std::optional<std::string> ShardedWriter::current_hash(Shard& shard,
                                                       const std::string& unique_term) const {
  if (const auto pending = pending_ids_.find(unique_term); pending != pending_ids_.end()) {
    return pending->second;
  }
  Xapian::PostingIterator it = shard.reader.postlist_begin(unique_term);
  if (it == shard.reader.postlist_end(unique_term)) return std::nullopt;
  return shard.reader.get_document(*it).get_value(schema::kSlotContentHash);
}

void ShardedWriter::keep_spellings_of(const Article& article) {
  if (!builder_) return;
  // As the shard's own run would: an article it finds unchanged (here, the
  // same text again under its id in this run's input) adds no words.
  std::string hash = content_hash(article);
  std::string& last = other_shard_hashes_[article.id];
  if (last == hash) return;
  last = std::move(hash);
  builder_->build(article);
  for (const auto& word : builder_->spelling_words()) ++other_spellings_[word];
}

AddOutcome ShardedWriter::add(const Article& article) {
  if (article.id.empty()) throw ConfigError("cannot index an article without an id");
  Shard* shard = shard_for(article.id);
  if (bulk_) {
    AddOutcome outcome = AddOutcome::kOtherShard;
    if (shard) {
      outcome = shard->bulk->add(schema::id_term(article.id), article, content_hash(article));
    } else {
      // A `--shard K` run: the one shard written sketches it.
      shards_.front().bulk->sketch_only(schema::id_term(article.id), article,
                                        content_hash(article));
    }
    if (bulk_pending() >= options_.batch_size) {
      for (Shard& written : shards_) written.bulk->flush();
    }
    return outcome;
  }
  if (shard == nullptr) {
    keep_spellings_of(article);
    return AddOutcome::kOtherShard;
  }
  std::string unique_term = schema::id_term(article.id);
  std::string hash = content_hash(article);
  std::optional<std::string> before;
  try {
    before = current_hash(*shard, unique_term);
  } catch (const Xapian::Error& e) {
    throw IndexError("article " + article.id + ": " + e.get_description());
  }
  if (before && *before == hash) return AddOutcome::kUnchanged;
  shard->worker->add(unique_term, article, hash, !before);
  added_at_[unique_term] = next_addition_++;
  pending_ids_[std::move(unique_term)] = std::move(hash);
  if (pending_ids_.size() >= options_.batch_size) commit();
  return before ? AddOutcome::kReplaced : AddOutcome::kAdded;
}

std::size_t ShardedWriter::bulk_pending() const {
  std::size_t pending = 0;
  for (const Shard& shard : shards_) pending += shard.bulk->pending();
  return pending;
}

bool ShardedWriter::remove(std::string_view id) {
  Shard* shard = shard_for(id);
  if (bulk_) {
    // Another shard's article in a `--shard K` run: its sketch stops
    // counting as a copy, but nothing was removed here.
    BulkWriter& bulk = shard ? *shard->bulk : *shards_.front().bulk;
    const bool removed = bulk.remove(schema::id_term(id)) && shard != nullptr;
    if (bulk_pending() >= options_.batch_size) {
      for (Shard& written : shards_) written.bulk->flush();
    }
    return removed;
  }
  if (shard == nullptr) return false;
  std::string unique_term = schema::id_term(id);
  try {
    if (!current_hash(*shard, unique_term)) return false;
  } catch (const Xapian::Error& e) {
    throw IndexError("deleting article " + std::string(id) + ": " + e.get_description());
  }
  shard->worker->remove(unique_term);
  added_at_.erase(unique_term);
  pending_ids_[std::move(unique_term)] = std::nullopt;
  if (pending_ids_.size() >= options_.batch_size) commit();
  return true;
}

std::vector<std::string> ShardedWriter::ids_of_source(std::string_view source) const {
  std::vector<std::string> ids;
  const std::string term = schema::keyword_term(schema::kSourcePrefix, source);
  for (const Shard& shard : shards_) {
    try {
      for (auto it = shard.reader.postlist_begin(term); it != shard.reader.postlist_end(term);
           ++it) {
        ids.push_back(internal::decode_stored_article(shard.reader.get_document(*it).get_data(),
                                                      internal::BodyDecoding::kSkip)
                          .id);
      }
    } catch (const Xapian::Error& e) {
      throw IndexError(shard.path + ": reading source " + std::string(source) + ": " +
                       e.get_description());
    }
  }
  return ids;
}

void ShardedWriter::set_synonyms(const std::vector<SynonymGroup>& groups) {
  if (!aux_) {
    throw ConfigError(options_.db_path +
                      ": synonyms are stored in the auxiliary database, which this run does not "
                      "write (write_aux, newsdex-index --aux)");
  }
  aux_->set_synonyms(groups);
}

// Gives each article added in this batch the cluster of its closest earlier
// copy in any shard written here, in input order, as one writer would have
// (docs/news.md): the shards are written in parallel, each knowing only its
// own articles, so clusters are settled once the batch is committed.
void ShardedWriter::settle_clusters() {
  if (added_at_.empty()) return;
  struct Change {
    Xapian::docid shard_docid;
    std::string key;
    bool value_only;  // a starter: its term holds the key already
  };
  std::vector<std::vector<Change>> changes(shards_.size());
  bool changed = false;
  try {
    Xapian::Database all;
    for (const Shard& shard : shards_) all.add_database(Xapian::Database(shard.path));
    const auto n = static_cast<Xapian::docid>(shards_.size());
    std::unordered_set<Xapian::docid> in_batch;
    std::vector<std::pair<std::uint64_t, Xapian::docid>> order;  // (added, docid)
    for (const auto& [term, added] : added_at_) {
      auto it = all.postlist_begin(term);
      if (it == all.postlist_end(term)) continue;
      in_batch.insert(*it);
      order.emplace_back(added, *it);
    }
    std::sort(order.begin(), order.end());
    // The key each document has (or would start a cluster with) as settled
    // so far: this batch's, and earlier ones' that a copy here joined.
    std::unordered_map<Xapian::docid, CandidateKey> key_of;
    const auto give_key = [&](Xapian::docid did, const std::string& key, bool value_only) {
      changes[(did - 1) % n].push_back({(did - 1) / n + 1, key, value_only});
      key_of[did] = CandidateKey{key, true};
      changed = true;
    };
    for (const auto& [added, did] : order) {
      const Xapian::Document doc = all.get_document(did);
      const Fingerprint fp =
          Fingerprint::decode(doc.get_value(schema::kSlotFingerprint)).value_or(Fingerprint{});
      const std::string page = page_term_of(doc);
      const auto choice =
          fp.empty() && page.empty()
              ? std::nullopt
              : find_cluster(all, fp, band_terms_of(doc), page,
                             [&](Xapian::docid other,
                                 const Xapian::Document& copy) -> std::optional<CandidateKey> {
                               // Earlier in this batch, or given a key here.
                               if (const auto known = key_of.find(other); known != key_of.end()) {
                                 return known->second;
                               }
                               if (in_batch.count(other) != 0) return std::nullopt;  // not yet
                               // Committed before this batch: settled already.
                               return candidate_key_of(copy);
                             });
      if (choice) {
        give_key(did, choice->key, false);
        if (choice->starter) give_key(*choice->starter, choice->key, true);
      } else {
        key_of[did] = candidate_key_of(doc);
      }
    }
  } catch (const Xapian::Error& e) {
    throw IndexError(options_.db_path + ": settling duplicate clusters: " + e.get_description());
  }
  if (!changed) return;
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    if (changes[i].empty()) continue;
    try {
      // The worker is idle (every shard was waited for); its next flush
      // commits these.
      Xapian::WritableDatabase& db = shards_[i].worker->database();
      for (const Change& change : changes[i]) {
        Xapian::Document doc = db.get_document(change.shard_docid);
        if (change.value_only) {
          set_cluster_value(doc, change.key);
        } else {
          set_cluster_key(doc, change.key);
        }
        db.replace_document(change.shard_docid, doc);
      }
    } catch (const Xapian::Error& e) {
      throw IndexError(shards_[i].path + ": settling duplicate clusters: " + e.get_description());
    }
    shards_[i].worker->flush();
  }
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    if (!changes[i].empty()) shards_[i].worker->wait();
  }
}

void ShardedWriter::write_aux(std::unordered_map<std::string, unsigned> spellings) {
  if (!aux_) return;
  aux_->stage_spellings(spellings);
  aux_->commit();
}

void ShardedWriter::finish_bulk_build() {
  for (Shard& shard : shards_) shard.bulk->finish();
  try {
    ClusterLedger ledger;
    std::vector<std::uint32_t> first_writer;
    std::uint32_t writers = 0;
    for (Shard& shard : shards_) {
      first_writer.push_back(writers);
      shard.bulk->hand_to(ledger, writers);
      writers += shard.bulk->writer_count();
    }
    const std::vector<ClusterChange> changes = ledger.settle();
    for (std::size_t i = 0; i < shards_.size(); ++i) {
      shards_[i].bulk->apply(changes, first_writer[i]);
    }
  } catch (const Xapian::Error& e) {
    throw IndexError(options_.db_path + ": settling duplicate clusters: " + e.get_description());
  }
  std::unordered_map<std::string, unsigned> spellings;
  for (Shard& shard : shards_) {
    for (const auto& [word, count] : shard.bulk->take_spellings()) spellings[word] += count;
  }
  write_aux(std::move(spellings));
  // Every shard compacted on its own thread: one compaction is one thread.
  std::vector<std::future<void>> compactions;
  for (Shard& shard : shards_) {
    shard.held.reset();  // the merged shard takes the empty one's place
    compactions.push_back(std::async(
        std::launch::async, [&shard] { shard.bulk->compact_into(shard.path, Spellings{}); }));
  }
  for (auto& compaction : compactions) compaction.get();  // rethrows a failure
  for (Shard& shard : shards_) shard.bulk.reset();
  bulk_ = false;
  start_in_place();
}

void ShardedWriter::commit() {
  if (bulk_) {
    finish_bulk_build();
    return;
  }
  // Queued on every shard first, so that they commit in parallel.
  for (Shard& shard : shards_) shard.worker->flush();
  for (Shard& shard : shards_) shard.worker->wait();
  settle_clusters();
  std::unordered_map<std::string, unsigned> spellings = std::move(other_spellings_);
  other_spellings_.clear();
  for (Shard& shard : shards_) {
    for (const auto& [word, count] : shard.worker->spellings()) spellings[word] += count;
    shard.worker->spellings().clear();
  }
  write_aux(std::move(spellings));
  try {
    for (Shard& shard : shards_) shard.reader.reopen();
  } catch (const Xapian::Error& e) {
    throw IndexError(options_.db_path + ": reopening a shard: " + e.get_description());
  }
  pending_ids_.clear();
  added_at_.clear();
}

void ShardedWriter::discard() {
  if (bulk_) {
    for (Shard& shard : shards_) shard.bulk->discard();
    if (aux_) aux_->discard();
    return;
  }
  for (Shard& shard : shards_) shard.worker->discard();
  for (Shard& shard : shards_) shard.worker->wait();
  if (aux_) aux_->discard();
  other_spellings_.clear();
  pending_ids_.clear();
  added_at_.clear();
}

std::uint64_t ShardedWriter::document_count() const {
  std::uint64_t count = 0;
  for (const Shard& shard : shards_) count += shard.reader.get_doccount();
  return count;
}

}  // namespace newsdex::indexer
