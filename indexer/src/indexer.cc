#include "newsdex/indexer/indexer.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include "article_sanitizer.h"
#include "bulk_writer.h"
#include "document_builder.h"
#include "near_duplicates.h"
#include "newsdex/common/error.h"
#include "newsdex/common/schema.h"
#include "newsdex/common/shard_layout.h"
#include "sharded_writer.h"
#include "stored_article.h"
#include "synonym_key.h"
#include "writable_index.h"

namespace newsdex::indexer {

class Indexer::Impl {
 public:
  explicit Impl(IndexOptions options)
      : options_(std::move(options)),
        db_(open_writable_index(options_.db_path, "index")),
        analyzer_(options_.analyzer),
        builder_(analyzer_, options_.title_weight) {
    // A crash may have left a bulk build behind; holding the lock now, no
    // other writer can be using it.
    std::error_code ignored;
    if (std::filesystem::exists(bulk_work_dir(options_.db_path), ignored)) {
      db_.close();
      recover_bulk_build(options_.db_path);
      db_ = open_writable_index(options_.db_path, "index");
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

  void set_synonyms(const std::vector<SynonymGroup>& groups) {
    // Normalised here, not at commit, so a bad entry is reported before
    // anything is written.
    std::map<std::string, std::set<std::string>> table;
    std::size_t max_words = 0;
    for (const SynonymGroup& group : groups) {
      std::vector<std::string> keys, stem_keys;
      for (const std::string& entry : group.entries) {
        const std::vector<Token> words = internal::synonym_tokens(analyzer_, entry);
        if (words.empty()) {
          throw InputError(group.file, group.line, "",
                           "synonym entry '" + entry + "' has no word to search for");
        }
        max_words = std::max(max_words, words.size());
        std::string key = internal::synonym_key(words);
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
        keys.push_back(std::move(key));
        // Stems in the default language, so "vaccines" finds "vaccine"'s group.
        stem_keys.push_back(internal::synonym_stem_key(analyzer_, words, {}));
      }
      if (keys.size() < 2) {
        throw InputError(group.file, group.line, "",
                         "the entries of this synonym group are all the same words once "
                         "normalised ('" +
                             keys.front() + "')");
      }
      for (std::size_t i = 0; i < keys.size(); ++i) {
        for (std::size_t j = 0; j < keys.size(); ++j) {
          if (i == j) continue;
          table[keys[i]].insert(keys[j]);
          table[stem_keys[i]].insert(keys[j]);
        }
      }
    }
    pending_synonyms_ = PendingSynonyms{std::move(table), max_words};
  }

  void commit() {
    if (bulk_) {
      merge_bulk_build();
      if (pending_synonyms_) {
        write_synonyms();
        try {
          db_.commit();
        } catch (const Xapian::Error& e) {
          throw IndexError(options_.db_path + ": commit failed: " + e.get_description());
        }
      }
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
      write_synonyms();
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

  void stage_spellings(const std::unordered_map<std::string, unsigned>& counts) {
    for (const auto& [word, count] : counts) pending_spellings_[word] += count;
  }

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
    db_ = open_writable_index(options_.db_path, "index");
    db_.commit();  // keeps the schema version of a build that added nothing
  }

  // Replaces the stored synonym table with the pending one, if any, in the
  // transaction being committed (so readers see the old table or the new).
  void write_synonyms() {
    if (!pending_synonyms_) return;
    try {
      std::vector<std::string> old_keys;
      for (auto key = db_.synonym_keys_begin(); key != db_.synonym_keys_end(); ++key) {
        old_keys.push_back(*key);
      }
      for (const std::string& key : old_keys) db_.clear_synonyms(key);
      for (const auto& [key, others] : pending_synonyms_->table) {
        for (const std::string& other : others) db_.add_synonym(key, other);
      }
      const std::string key(internal::kSynonymMaxWordsKey);
      db_.set_metadata(key, pending_synonyms_->max_words == 0
                                ? std::string()
                                : std::to_string(pending_synonyms_->max_words));
    } catch (const Xapian::Error& e) {
      throw IndexError(options_.db_path + ": storing synonyms: " + e.get_description());
    }
    pending_synonyms_.reset();
  }

  void clear_pending() {
    pending_synonyms_.reset();
    pending_.clear();
    pending_index_.clear();
    pending_spellings_.clear();
  }

  // Gives `doc` the cluster key of its closest earlier copy in the index,
  // if any (and that copy too, if it was alone); an older version of the
  // same article does not count.
  void join_cluster(const std::string& unique_term, Xapian::Document& doc) {
    const Fingerprint fp =
        Fingerprint::decode(doc.get_value(schema::kSlotFingerprint)).value_or(Fingerprint{});
    const std::string page = page_term_of(doc);
    if (fp.empty() && page.empty()) return;
    Xapian::docid old_version = 0;
    if (auto it = db_.postlist_begin(unique_term); it != db_.postlist_end(unique_term)) {
      old_version = *it;
    }
    const auto choice = find_cluster(
        db_, fp, band_terms_of(doc), page,
        [old_version](Xapian::docid did,
                      const Xapian::Document& candidate) -> std::optional<CandidateKey> {
          if (did == old_version) return std::nullopt;
          return candidate_key_of(candidate);
        });
    if (!choice) return;
    set_cluster_key(doc, choice->key);
    if (choice->starter) {
      // Its first copy: the article that was alone starts the cluster, and
      // gets the value of the key its term holds (its terms stay as they are).
      Xapian::Document starter = db_.get_document(*choice->starter);
      set_cluster_value(starter, choice->key);
      db_.replace_document(*choice->starter, starter);
    }
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
  struct PendingSynonyms {
    std::map<std::string, std::set<std::string>> table;  // key -> the other keys
    std::size_t max_words;                               // longest entry, in words
  };
  std::optional<PendingSynonyms> pending_synonyms_;  // set_synonyms() until commit()
  std::unique_ptr<BulkWriter> bulk_;  // while building a new index on several threads
};

namespace {

IndexOptions checked(IndexOptions options) {
  if (options.batch_size == 0) throw ConfigError("batch size must be at least 1");
  if (options.segment_size == 0) throw ConfigError("segment size must be at least 1");
  if (options.title_weight == 0) throw ConfigError("title weight must be at least 1");
  if (options.db_path.empty()) throw ConfigError("no index path given");
  if (options.shards > shards::kMaxShards) {
    throw ConfigError("at most " + std::to_string(shards::kMaxShards) + " shards");
  }
  return options;
}

bool wants_shards(const IndexOptions& options) {
  return options.shards > 0 || options.only_shard || options.write_aux ||
         shards::is_sharded(options.db_path);
}

}  // namespace

Indexer::Indexer(IndexOptions options) {
  options = checked(std::move(options));
  if (wants_shards(options)) {
    sharded_ = std::make_unique<ShardedWriter>(std::move(options));
  } else {
    impl_ = std::make_unique<Impl>(std::move(options));
  }
}
Indexer::~Indexer() = default;
Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;

AddOutcome Indexer::add(const Article& article) {
  return sharded_ ? sharded_->add(article) : impl_->add(article);
}
bool Indexer::remove(std::string_view id) {
  return sharded_ ? sharded_->remove(id) : impl_->remove(id);
}
void Indexer::commit() { sharded_ ? sharded_->commit() : impl_->commit(); }
void Indexer::discard() { sharded_ ? sharded_->discard() : impl_->discard(); }
void Indexer::set_synonyms(const std::vector<SynonymGroup>& groups) {
  sharded_ ? sharded_->set_synonyms(groups) : impl_->set_synonyms(groups);
}
std::vector<std::string> Indexer::ids_of_source(std::string_view source) const {
  return sharded_ ? sharded_->ids_of_source(source) : impl_->ids_of_source(source);
}
std::uint64_t Indexer::document_count() const {
  return sharded_ ? sharded_->document_count() : impl_->document_count();
}
const IndexOptions& Indexer::options() const noexcept {
  return sharded_ ? sharded_->options() : impl_->options();
}
void Indexer::stage_spellings(const std::unordered_map<std::string, unsigned>& counts) {
  impl_->stage_spellings(counts);
}

}  // namespace newsdex::indexer
