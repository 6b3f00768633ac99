#include "newsdex/indexer/indexer.h"

#include <xapian.h>

#include "document_builder.h"
#include "newsdex/common/error.h"
#include "newsdex/common/schema.h"

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
        builder_(analyzer_, options_.title_weight) {}

  ~Impl() {
    try {
      if (pending_ > 0) db_.commit();
    } catch (...) {
      // A destructor must not throw; commit() reports failures to callers.
    }
  }

  AddOutcome add(const Article& article) {
    if (article.id.empty()) throw ConfigError("cannot index an article without an id");
    const std::string unique_term = schema::id_term(article.id);
    try {
      Xapian::Document doc = builder_.build(article);
      const bool existed = db_.term_exists(unique_term);
      db_.replace_document(unique_term, doc);
      if (options_.spelling) {
        for (const auto& word : builder_.spelling_words()) db_.add_spelling(word);
      }
      count_change();
      return existed ? AddOutcome::kReplaced : AddOutcome::kAdded;
    } catch (const Xapian::Error& e) {
      throw IndexError("article " + article.id + ": " + e.get_description());
    }
  }

  bool remove(std::string_view id) {
    const std::string unique_term = schema::id_term(id);
    try {
      if (!db_.term_exists(unique_term)) return false;
      db_.delete_document(unique_term);
      count_change();
      return true;
    } catch (const Xapian::Error& e) {
      throw IndexError("deleting article " + std::string(id) + ": " + e.get_description());
    }
  }

  void commit() {
    try {
      db_.commit();
      pending_ = 0;
    } catch (const Xapian::Error& e) {
      throw IndexError(options_.db_path + ": commit failed: " + e.get_description());
    }
  }

  std::uint64_t document_count() const { return db_.get_doccount(); }
  const IndexOptions& options() const { return options_; }

 private:
  void count_change() {
    if (++pending_ >= options_.batch_size) commit();
  }

  IndexOptions options_;
  Xapian::WritableDatabase db_;
  Analyzer analyzer_;
  DocumentBuilder builder_;
  std::size_t pending_ = 0;
};

namespace {

IndexOptions checked(IndexOptions options) {
  if (options.batch_size == 0) throw ConfigError("batch size must be at least 1");
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
std::uint64_t Indexer::document_count() const { return impl_->document_count(); }
const IndexOptions& Indexer::options() const noexcept { return impl_->options(); }

}  // namespace newsdex::indexer
