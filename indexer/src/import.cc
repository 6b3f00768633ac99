#include "newsdex/indexer/import.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <unordered_set>

#include "article_sanitizer.h"
#include "ascii.h"
#include "newsdex/common/schema.h"

namespace newsdex::indexer {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kProgressEvery = 500;

// Files a directory import picks up: those whose name says they hold a
// format newsdex reads (.xml only when its content does).
bool is_input_file(const fs::path& path) {
  if (format_from_name(path.string()) != InputFormat::kAuto) return true;
  const std::string name = internal::ascii_lower(path.filename().string());
  return name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0;
}

std::uint64_t size_of(const std::string& path) {
  if (path == "-") return 0;
  std::error_code error;
  const auto size = fs::file_size(path, error);
  return error ? 0 : size;
}

class Clock {
 public:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// "published: not an ISO 8601 date" from a full reason: the field and the
// reason up to its first detail, so equal problems count together.
std::string reason_kind(const InputError& error) {
  std::string reason = error.reason();
  const auto detail = reason.find_first_of(":(\"");
  if (detail != std::string::npos) reason.erase(detail);
  while (!reason.empty() && reason.back() == ' ') reason.pop_back();
  return error.field().empty() ? reason : error.field() + ": " + reason;
}

// One import run: the state shared by the files it reads.
class ImportRun {
 public:
  ImportRun(Indexer& indexer, const ImportCallbacks& callbacks, const ImportOptions& options)
      : indexer_(indexer), callbacks_(callbacks), options_(options) {
    sanitize_options_.max_field_bytes = options.max_field_bytes;
  }

  ImportReport run(const std::vector<std::string>& paths) {
    const std::vector<std::string> files = expand_inputs(paths);
    for (const auto& file : files) progress_.bytes_total += size_of(file);
    for (const auto& file : files) {
      if (!read_file(file)) {
        indexer_.discard();
        report_.stopped = true;
        break;
      }
    }
    if (!report_.stopped) prune();
    indexer_.commit();
    report_.bytes = bytes_before_file_;
    report_.seconds = clock_.seconds();
    notify_progress(true);
    return report_;
  }

 private:
  // Returns false when the run must stop (strict / max_errors).
  bool read_file(const std::string& file) {
    ++report_.files;
    const ImportReport before = counts();
    FileReport& file_report = report_.per_file.emplace_back();
    file_report.path = file;
    std::unique_ptr<ArticleReader> reader;
    try {
      reader = open_reader(file, options_.reader);
    } catch (const InputError& error) {
      // One unreadable file in a directory should not cost the others.
      const bool keep_going = reject(error);
      file_report.rejected = 1;
      return keep_going;
    }
    file_report.format = reader->format_label();
    reader->set_warning_handler([&](const InputWarning& warning) { warn(warning); });
    reader_ = reader.get();
    bool keep_going = true;
    while (keep_going) {
      try {
        std::optional<Article> article = reader->next();
        if (!article) break;
        add(*article, *reader);
      } catch (const InputError& error) {
        keep_going = reject(error);
      }
      notify_progress(false);
    }
    bytes_before_file_ += reader->bytes_read();
    reader_ = nullptr;
    file_report.indexed = report_.indexed() - before.indexed();
    file_report.unchanged = report_.unchanged - before.unchanged;
    file_report.rejected = report_.rejected - before.rejected;
    file_report.warnings = report_.warnings - before.warnings;
    return keep_going;
  }

  // The counters of the report so far (without the per-file list).
  ImportReport counts() const {
    ImportReport copy;
    copy.added = report_.added;
    copy.replaced = report_.replaced;
    copy.unchanged = report_.unchanged;
    copy.rejected = report_.rejected;
    copy.warnings = report_.warnings;
    return copy;
  }

  void add(Article& article, const ArticleReader& reader) {
    const std::uint64_t record = reader.record();
    sanitize_article(
        article, sanitize_options_, reader.name(), record,
        [&](std::string field, std::string message) {
          warn(InputWarning{reader.name(), record, std::move(field), std::move(message)});
        });
    if (!seen_ids_.insert(article.id).second) {
      warn(InputWarning{reader.name(), record, "id",
                        "duplicate id " + article.id + " in this input; the later record wins"});
    }
    if (!options_.prune_sources.empty()) {
      seen_by_source_.insert(schema::normalize_keyword(article.source) + '\x1f' + article.id);
    }
    switch (indexer_.add(article)) {
      case AddOutcome::kAdded:
        ++report_.added;
        break;
      case AddOutcome::kReplaced:
        ++report_.replaced;
        break;
      case AddOutcome::kUnchanged:
        ++report_.unchanged;
        break;
      case AddOutcome::kOtherShard:
        ++report_.other_shards;
        break;
    }
  }

  bool reject(const InputError& error) {
    ++report_.rejected;
    ++report_.rejected_by_reason[reason_kind(error)];
    if (callbacks_.on_rejected) callbacks_.on_rejected(error);
    if (options_.strict) return false;
    return options_.max_errors == 0 || report_.rejected < options_.max_errors;
  }

  void warn(const InputWarning& warning) {
    ++report_.warnings;
    if (callbacks_.on_warning) callbacks_.on_warning(warning);
  }

  void prune() {
    for (const std::string& source : options_.prune_sources) {
      const std::string key = schema::normalize_keyword(source) + '\x1f';
      for (const std::string& id : indexer_.ids_of_source(source)) {
        if (seen_by_source_.count(key + id) == 0 && indexer_.remove(id)) ++report_.deleted;
      }
    }
  }

  void notify_progress(bool final) {
    if (!callbacks_.on_progress) return;
    const std::uint64_t articles = report_.indexed() + report_.unchanged + report_.rejected;
    if (!final && (articles == 0 || articles % kProgressEvery != 0)) return;
    progress_.articles = articles;
    progress_.bytes_done = bytes_before_file_ + (reader_ != nullptr ? reader_->bytes_read() : 0);
    progress_.seconds = clock_.seconds();
    callbacks_.on_progress(progress_);
  }

  Indexer& indexer_;
  const ImportCallbacks& callbacks_;
  const ImportOptions& options_;
  SanitizeOptions sanitize_options_;
  const Clock clock_;
  ImportReport report_;
  ImportProgress progress_;
  std::uint64_t bytes_before_file_ = 0;
  const ArticleReader* reader_ = nullptr;
  std::unordered_set<std::string> seen_ids_;
  std::unordered_set<std::string> seen_by_source_;
};

}  // namespace

std::vector<std::string> expand_inputs(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    if (path == "-") {
      files.push_back(path);
      continue;
    }
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error || !fs::exists(status)) throw InputError(path, 0, "", "no such file or directory");
    if (!fs::is_directory(status)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator
             it(path, fs::directory_options::skip_permission_denied, error),
         end;
         !error && it != end; it.increment(error)) {
      if (it->is_regular_file() && is_input_file(it->path())) found.push_back(it->path().string());
    }
    if (error) throw InputError(path, 0, "", "cannot list directory: " + error.message());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

ImportReport import_inputs(Indexer& indexer, const std::vector<std::string>& paths,
                           const ImportCallbacks& callbacks, const ImportOptions& options) {
  return ImportRun(indexer, callbacks, options).run(paths);
}

}  // namespace newsdex::indexer
