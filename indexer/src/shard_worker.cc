#include "shard_worker.h"

#include <utility>

#include "document_builder.h"
#include "held_documents.h"
#include "newsdex/common/error.h"
#include "newsdex/common/schema.h"
#include "seen_bands.h"
#include "writable_index.h"

namespace newsdex::indexer {
namespace {

// Requests waiting per worker: enough to keep it busy while the dispatcher
// reads the next articles, few enough to bound memory.
constexpr std::size_t kQueueLimit = 256;

Xapian::WritableDatabase create_shard(const std::string& path) {
  try {
    // No fsync: a segment is scratch space. A crash leaves the build empty
    // (its segments are removed on the next open), so only the merged
    // index must reach the disk, and compaction syncs it.
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
    db.set_metadata(std::string(schema::kSchemaVersionKey), std::string(schema::kSchemaVersion));
    // Batches are written inside a transaction so that discard() can drop
    // the open one, as Indexer::discard() drops its pending changes.
    db.begin_transaction(false);
    return db;
  } catch (const Xapian::Error& e) {
    throw IndexError(path + ": cannot create index segment: " + e.get_description());
  }
}

Xapian::WritableDatabase open_durable_shard(const std::string& path) {
  Xapian::WritableDatabase db = open_writable_index(path, "shard");
  try {
    db.begin_transaction(true);
  } catch (const Xapian::Error& e) {
    throw IndexError(path + ": cannot open shard for writing: " + e.get_description());
  }
  return db;
}

}  // namespace

ShardWorker::ShardWorker(std::string base_path, const IndexOptions& options,
                         Xapian::doccount segment_documents, Storage storage, SeenBands* seen)
    : base_path_(std::move(base_path)),
      options_(options),
      storage_(storage),
      segment_documents_(storage == Storage::kShard ? Xapian::doccount(-1) : segment_documents),
      segment_paths_{storage == Storage::kShard ? base_path_ : base_path_ + "-0"},
      db_(storage == Storage::kShard ? open_durable_shard(segment_paths_.back())
                                     : create_shard(segment_paths_.back())),
      seen_(storage == Storage::kShard ? nullptr : seen),
      held_path_(base_path_ + "-held"),
      thread_([this] { run(); }) {}

ShardWorker::~ShardWorker() {
  if (thread_.joinable()) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      queue_.clear();
      queue_.push_back(ControlRequest{Control::kStop, {}});
    }
    changed_.notify_all();
    thread_.join();
  }
}

void ShardWorker::add(std::string unique_term, Article article, std::string hash, bool is_new,
                      std::uint64_t seq, Write write) {
  push(Add{std::move(unique_term), std::move(article), std::move(hash), is_new, seq, write});
}

void ShardWorker::remove(std::string unique_term) { push(Remove{std::move(unique_term)}); }

void ShardWorker::flush() { queue_control(Control::kFlush); }

void ShardWorker::discard() { queue_control(Control::kDiscard); }

void ShardWorker::wait() { control(Control::kNothing); }

void ShardWorker::finish() {
  control(Control::kFlush);
  control(Control::kStop);
  thread_.join();
  db_.close();
  if (held_file_.is_open()) {
    held_file_.close();
    if (!held_file_) throw IndexError(held_path_ + ": cannot write held documents");
  }
}

void ShardWorker::push(Request request) {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return queue_.size() < kQueueLimit || stopped_; });
  if (failure_) std::rethrow_exception(failure_);
  if (stopped_) throw IndexError(base_path_ + ": index segment writer has stopped");
  queue_.push_back(std::move(request));
  lock.unlock();
  changed_.notify_all();
}

void ShardWorker::control(Control control) {
  std::promise<void> done;
  std::future<void> finished = done.get_future();
  push(ControlRequest{control, std::move(done)});
  finished.get();  // rethrows what the request failed with
  rethrow_failure();
}

void ShardWorker::queue_control(Control control) {
  push(ControlRequest{control, {}});  // a failure is kept for the next call
}

void ShardWorker::rethrow_failure() {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (failure_) std::rethrow_exception(failure_);
}

void ShardWorker::run() {
  Analyzer analyzer(options_.analyzer);
  DocumentBuilder builder(analyzer, options_.title_weight);
  builder_ = &builder;
  for (;;) {
    Request request;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [this] { return !queue_.empty(); });
      request = std::move(queue_.front());
      queue_.pop_front();
    }
    changed_.notify_all();
    if (auto* control = std::get_if<ControlRequest>(&request)) {
      try {
        if (control->control == Control::kStop) {
          const std::lock_guard<std::mutex> lock(mutex_);
          stopped_ = true;
        } else if (control->control == Control::kFlush) {
          keep_batch();
          commit_batch();
        } else if (control->control == Control::kDiscard) {
          db_.cancel_transaction();
          pending_spellings_.clear();
          pending_sketches_.clear();
          pending_held_.clear();
          closed_deletions_.clear();
          db_.begin_transaction(storage_ == Storage::kShard);
        }
        control->done.set_value();
      } catch (...) {
        // Nobody may be waiting for a queued flush: stop, so that the next
        // call reports it, and answer the waiters there are.
        fail(std::current_exception());
        control->done.set_exception(failure_);
        break;
      }
      if (control->control == Control::kStop) break;
      continue;
    }
    try {
      if (auto* add = std::get_if<Add>(&request)) {
        handle(*add);
      } else {
        handle(std::get<Remove>(request));
      }
    } catch (...) {
      fail(std::current_exception());
      break;
    }
  }
  builder_ = nullptr;
}

void ShardWorker::fail(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const Xapian::Error& e) {
    failure = std::make_exception_ptr(
        IndexError(segment_paths_.back() + ": writing index segment: " + e.get_description()));
  } catch (...) {
  }
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (!failure_) failure_ = failure;
    stopped_ = true;
  }
  changed_.notify_all();
  // Answer the control requests still queued, so no caller waits forever.
  const std::lock_guard<std::mutex> lock(mutex_);
  for (Request& left : queue_) {
    if (auto* control = std::get_if<ControlRequest>(&left)) {
      control->done.set_exception(failure_);
    }
  }
  queue_.clear();
}

void ShardWorker::handle(Add& add) {
  Xapian::Document doc = builder_->build(add.article);
  doc.add_value(schema::kSlotContentHash, add.hash);
  if (options_.spelling) {
    for (const auto& word : builder_->spelling_words()) ++pending_spellings_[word];
  }
  const std::uint64_t page =
      storage_ == Storage::kSegments ? page_number(page_term_of(doc)) : 0;  // for the sketch
  const bool probable_copy = seen_ && seen_->note(builder_->fingerprint(), page);
  if (add.write == Write::kSketchOnly) {
    keep_sketch(doc, page, 0, add.seq, false);
    return;
  }
  if (probable_copy) {
    // Written once its cluster is known (BulkWriter::apply); the versions
    // it replaces go now, as replace_document would take them.
    if (!add.is_new) {
      forget_in_closed_segments(add.unique_term);
      db_.delete_document(add.unique_term);
    }
    const auto place = static_cast<Xapian::docid>(held_count_ + pending_held_.size());
    keep_sketch(doc, page, place, add.seq, true, true);
    pending_held_.push_back(doc.serialise());
    return;
  }
  // The document carries its unique term, so a new one can simply be added.
  Xapian::docid docid;
  if (add.is_new) {
    docid = db_.add_document(doc);
  } else {
    forget_in_closed_segments(add.unique_term);
    docid = db_.replace_document(add.unique_term, doc);
  }
  if (storage_ == Storage::kSegments) keep_sketch(doc, page, docid, add.seq, true);
}

void ShardWorker::keep_sketch(const Xapian::Document& doc, std::uint64_t page, Xapian::docid docid,
                              std::uint64_t seq, bool written, bool held) {
  ArticleSketch sketch;
  sketch.fingerprint = builder_->fingerprint();  // with its bands, which are not stored
  sketch.page = page;
  // Can have no copy (a held one always can: its bands or page were seen).
  if (sketch.fingerprint.empty() && sketch.page == 0 && !held) return;
  sketch.seq = seq;
  // Written alone: its term names the cluster it would start.
  sketch.key = cluster_key_number(cluster_term_key_of(doc));
  sketch.segment = static_cast<std::uint32_t>(segment_paths_.size() - 1);
  sketch.docid = docid;
  sketch.written = written;
  sketch.held = held;
  pending_sketches_.push_back(sketch);
}

void ShardWorker::handle(Remove& remove) {
  forget_in_closed_segments(remove.unique_term);
  db_.delete_document(remove.unique_term);
}

void ShardWorker::forget_in_closed_segments(const std::string& unique_term) {
  if (segment_paths_.size() > 1) closed_deletions_.push_back(unique_term);
}

void ShardWorker::commit_batch() {
  db_.commit_transaction();
  db_.commit();
  // Older versions in closed segments go only once the newer one is durable.
  if (!closed_deletions_.empty()) {
    for (std::size_t i = 0; i + 1 < segment_paths_.size(); ++i) {
      Xapian::WritableDatabase closed(segment_paths_[i], Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
      for (const std::string& term : closed_deletions_) closed.delete_document(term);
      closed.commit();
    }
    closed_deletions_.clear();
  }
  if (db_.get_doccount() >= segment_documents_) {
    db_.close();
    start_segment();
  } else {
    // A shard's transactions are flushed (durable); segments are scratch.
    db_.begin_transaction(storage_ == Storage::kShard);
  }
}

void ShardWorker::start_segment() {
  segment_paths_.push_back(base_path_ + "-" + std::to_string(segment_paths_.size()));
  db_ = create_shard(segment_paths_.back());
}

void ShardWorker::keep_batch() {
  for (const auto& [word, count] : pending_spellings_) spellings_[word] += count;
  pending_spellings_.clear();
  sketches_.insert(sketches_.end(), pending_sketches_.begin(), pending_sketches_.end());
  pending_sketches_.clear();
  keep_held();
}

void ShardWorker::keep_held() {
  if (pending_held_.empty()) return;
  if (!held_file_.is_open()) {
    held_file_.open(held_path_, std::ios::binary | std::ios::trunc);
    if (!held_file_) throw IndexError(held_path_ + ": cannot create");
  }
  for (const std::string& record : pending_held_) write_held_record(held_file_, record);
  if (!held_file_.flush()) throw IndexError(held_path_ + ": cannot write held documents");
  held_count_ += static_cast<std::uint32_t>(pending_held_.size());
  pending_held_.clear();
}

}  // namespace newsdex::indexer
