#include "newsdex/indexer/indexer.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <thread>
#include <unordered_map>

#include "article_sanitizer.h"
#include "bulk_writer.h"
#include "document_builder.h"
#include "near_duplicates.h"
#include "newsdex/common/error.h"
#include "newsdex/common/schema.h"
#include "stored_article.h"

namespace newsdex::indexer {
namespace {

Xapian::WritableDatabase open_writable(const std::string& path) {
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    const std::string version = db.get_metadata(std::string(schema::kSchemaVersionKey));
    if (version.empty()) {
      db.set_metadata(std::string(schema::kSchemaVersionKey), std::string(schema::kSchemaVersion));
    } else if (version != schema::kSchemaVersion) {
      throw IndexError(path + ": index has schema version " + version + ", this newsdex writes " +
                       std::string(schema::kSchemaVersion) + "; rebuild it into a new directory");
    }
    return db;
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexLockedError(path + ": index is locked by another indexer");
  } catch (const Xapian::Error& e) {
    throw IndexError(path + ": cannot open index for writing: " + e.get_description());
  }
}

}  // namespace

class Indexer::Impl {
 public:
  explicit Impl(IndexOptions options)
      : options_(std::move(options)),
        db_(open_writable(options_.db_path)),
        analyzer_(options_.analyzer),
        builder_(analyzer_, options_.title_weight) {
    // A crash may have left a bulk build behind; holding the lock now, no
    // other writer can be using it.
    std::error_code ignored;
    if (std::filesystem::exists(bulk_work_dir(options_.db_path), ignored)) {
      db_.close();
      recover_bulk_build(options_.db_path);
      db_ = open_writable(options_.db_path);
    }
    const unsigned threads = writer_threads(options_.threads);
    if (threads > 1 && db_.get_doccount() == 0) {
      bulk_ = std::make_unique<BulkWriter>(options_.db_path, threads, options_);
    }
  }

  ~Impl() {
    try {
      // A bulk build's flushed batches are committed work too: merge them.
      if (!pending_.empty() || bulk_) commit();
    } catch (...) {
      // A destructor must not throw; commit() reports failures to callers.
    }
  }

  AddOutcome add(const Article& article) {
    if (article.id.empty()) throw ConfigError("cannot index an article without an id");
    std::string unique_term = schema::id_term(article.id);
    try {
      const std::string hash = content_hash(article);
      if (bulk_) {
        const AddOutcome outcome = bulk_->add(std::move(unique_term), article, hash);
        if (bulk_->pending() >= options_.batch_size) bulk_->flush();
        return outcome;
      }
      bool existed;
      if (const auto found = pending_index_.find(unique_term); found != pending_index_.end()) {
        Change& change = pending_[found->second];
        if (change.doc && change.hash == hash) return AddOutcome::kUnchanged;
        existed = change.doc.has_value() || change.existed;
      } else {
        const std::string stored_hash = stored_content_hash(unique_term);
        if (!stored_hash.empty() && stored_hash == hash) return AddOutcome::kUnchanged;
        // No stored hash but the id exists: an index from before hashes.
        existed = !stored_hash.empty() || db_.term_exists(unique_term);
      }
      Xapian::Document doc = builder_.build(article);
      doc.add_value(schema::kSlotContentHash, hash);
      if (options_.spelling) {
        for (const auto& word : builder_.spelling_words()) ++pending_spellings_[word];
      }
      stage(std::move(unique_term), std::move(doc), hash, existed);
      return existed ? AddOutcome::kReplaced : AddOutcome::kAdded;
    } catch (const Xapian::Error& e) {
      throw IndexError("article " + article.id + ": " + e.get_description());
    }
  }

  bool remove(std::string_view id) {
    std::string unique_term = schema::id_term(id);
    if (bulk_) {
      const bool removed = bulk_->remove(std::move(unique_term));
      if (bulk_->pending() >= options_.batch_size) bulk_->flush();
      return removed;
    }
    try {
      bool existed;
      if (const auto found = pending_index_.find(unique_term); found != pending_index_.end()) {
        const Change& change = pending_[found->second];
        existed = change.doc.has_value() || change.existed;
      } else {
        existed = db_.term_exists(unique_term);
      }
      if (!existed) return false;
      stage(std::move(unique_term), std::nullopt, "", true);
      return true;
    } catch (const Xapian::Error& e) {
      throw IndexError("deleting article " + std::string(id) + ": " + e.get_description());
    }
  }

  std::vector<std::string> ids_of_source(std::string_view source) const {
    std::vector<std::string> ids;
    const std::string term = schema::keyword_term(schema::kSourcePrefix, source);
    try {
      for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
        ids.push_back(internal::decode_stored_article(db_.get_document(*it).get_data(),
                                                      internal::BodyDecoding::kSkip)
                          .id);
      }
    } catch (const Xapian::Error& e) {
      throw IndexError(options_.db_path + ": reading source " + std::string(source) + ": " +
                       e.get_description());
    }
    return ids;
  }

  void commit() {
    if (bulk_) {
      merge_bulk_build();
      return;
    }
    try {
      for (Change& change : pending_) {
        if (change.doc) {
          // In input order, and after the changes before it are written
          // (a WritableDatabase reads its own uncommitted changes), so an
          // article meets every earlier one, batch or not.
          join_cluster(change.unique_term, *change.doc);
          db_.replace_document(change.unique_term, *change.doc);
        } else {
          db_.delete_document(change.unique_term);
        }
      }
      // Spelling words are gathered per batch and written once each: one
      // add_spelling() call per word occurrence is many times slower.
      for (const auto& [word, count] : pending_spellings_) db_.add_spelling(word, count);
      db_.commit();
      clear_pending();
    } catch (const Xapian::Error& e) {
      throw IndexError(options_.db_path + ": commit failed: " + e.get_description());
    }
  }

  void discard() {
    if (bulk_) bulk_->discard();
    clear_pending();
  }

  std::uint64_t document_count() const { return db_.get_doccount(); }
  const IndexOptions& options() const { return options_; }

 private:
  // A change waiting for commit(): a document to store under unique_term,
  // or (doc empty) a deletion.
  struct Change {
    std::string unique_term;
    std::optional<Xapian::Document> doc;
    std::string hash;
    bool existed;  // the id is in the committed index
  };

  // Changes are held back until commit(), then written and committed in one
  // go: a batch lands whole or not at all (discard(), a crash, kill -9).
  void stage(std::string unique_term, std::optional<Xapian::Document> doc, std::string hash,
             bool existed) {
    if (const auto found = pending_index_.find(unique_term); found != pending_index_.end()) {
      Change& change = pending_[found->second];
      change.doc = std::move(doc);
      change.hash = std::move(hash);
      return;  // keeps `existed` of the committed index
    }
    pending_index_.emplace(unique_term, pending_.size());
    pending_.push_back({std::move(unique_term), std::move(doc), std::move(hash), existed});
    if (pending_.size() >= options_.batch_size) commit();
  }

  static unsigned writer_threads(unsigned requested) {
    if (requested != 0) return requested;
    return std::max(1u, std::thread::hardware_concurrency());
  }

  // Replaces the empty index by the merged segments, then reopens it for
  // the one-thread writes that follow.
  void merge_bulk_build() {
    std::unique_ptr<BulkWriter> bulk = std::move(bulk_);
    db_.close();  // the merged index takes this one's place
    bulk->merge_into(options_.db_path);
    bulk.reset();
    db_ = open_writable(options_.db_path);
    db_.commit();  // keeps the schema version of a build that added nothing
  }

  void clear_pending() {
    pending_.clear();
    pending_index_.clear();
    pending_spellings_.clear();
  }

  // Gives `doc` the cluster key of its closest earlier copy in the index,
  // if any; an older version of the same article does not count.
  void join_cluster(const std::string& unique_term, Xapian::Document& doc) {
    const auto fp = Fingerprint::decode(doc.get_value(schema::kSlotFingerprint));
    if (!fp) return;
    Xapian::docid old_version = 0;
    if (auto it = db_.postlist_begin(unique_term); it != db_.postlist_end(unique_term)) {
      old_version = *it;
    }
    const auto key = find_cluster(
        db_, *fp,
        [old_version](Xapian::docid did,
                      const Xapian::Document& candidate) -> std::optional<std::string> {
          if (did == old_version) return std::nullopt;
          return candidate.get_value(schema::kSlotCluster);
        });
    if (key) set_cluster_key(doc, *key);
  }

  // The content hash stored for `unique_term`'s article; empty if none.
  std::string stored_content_hash(const std::string& unique_term) {
    Xapian::PostingIterator it = db_.postlist_begin(unique_term);
    if (it == db_.postlist_end(unique_term)) return {};
    return db_.get_document(*it).get_value(schema::kSlotContentHash);
  }

  IndexOptions options_;
  Xapian::WritableDatabase db_;
  Analyzer analyzer_;
  DocumentBuilder builder_;
  std::vector<Change> pending_;
  std::unordered_map<std::string, std::size_t> pending_index_;
  std::unordered_map<std::string, Xapian::termcount> pending_spellings_;
  std::unique_ptr<BulkWriter> bulk_;  // while building a new index on several threads
};

namespace {

IndexOptions checked(IndexOptions options) {
  if (options.batch_size == 0) throw ConfigError("batch size must be at least 1");
  if (options.segment_size == 0) throw ConfigError("segment size must be at least 1");
  if (options.title_weight == 0) throw ConfigError("title weight must be at least 1");
  if (options.db_path.empty()) throw ConfigError("no index path given");
  return options;
}

}  // namespace

Indexer::Indexer(IndexOptions options)
    : impl_(std::make_unique<Impl>(checked(std::move(options)))) {}
Indexer::~Indexer() = default;
Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;

AddOutcome Indexer::add(const Article& article) { return impl_->add(article); }
bool Indexer::remove(std::string_view id) { return impl_->remove(id); }
void Indexer::commit() { impl_->commit(); }
void Indexer::discard() { impl_->discard(); }
std::vector<std::string> Indexer::ids_of_source(std::string_view source) const {
  return impl_->ids_of_source(source);
}
std::uint64_t Indexer::document_count() const { return impl_->document_count(); }
const IndexOptions& Indexer::options() const noexcept { return impl_->options(); }

}  // namespace newsdex::indexer
