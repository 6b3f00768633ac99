#include "newsdex/indexer/import.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "newsdex/indexer/jsonl_reader.h"

namespace newsdex::indexer {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kProgressEvery = 500;

bool is_input_file(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".jsonl" || extension == ".ndjson";
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
                           const ImportCallbacks& callbacks) {
  const Clock clock;
  const std::vector<std::string> files = expand_inputs(paths);
  ImportProgress progress;
  for (const auto& file : files) progress.bytes_total += size_of(file);

  ImportReport report;
  std::uint64_t bytes_before_file = 0;
  for (const auto& file : files) {
    std::ifstream stream;
    std::istream* in = &std::cin;
    if (file != "-") {
      stream.open(file, std::ios::binary);
      if (!stream) throw InputError(file, 0, "", "cannot open for reading");
      in = &stream;
    }
    JsonlReader reader(*in, file);
    ++report.files;
    while (true) {
      std::optional<Article> article;
      try {
        article = reader.next();
      } catch (const InputError& error) {
        ++report.rejected;
        if (callbacks.on_rejected) callbacks.on_rejected(error);
        continue;
      }
      if (!article) break;
      if (indexer.add(*article) == AddOutcome::kAdded)
        ++report.added;
      else
        ++report.replaced;
      if (callbacks.on_progress && report.indexed() % kProgressEvery == 0) {
        progress.articles = report.indexed();
        progress.bytes_done = bytes_before_file + reader.bytes_read();
        progress.seconds = clock.seconds();
        callbacks.on_progress(progress);
      }
    }
    bytes_before_file += reader.bytes_read();
  }
  indexer.commit();
  report.bytes = bytes_before_file;
  report.seconds = clock.seconds();
  if (callbacks.on_progress) {
    progress.articles = report.indexed();
    progress.bytes_done = report.bytes;
    progress.seconds = report.seconds;
    callbacks.on_progress(progress);
  }
  return report;
}

}  // namespace newsdex::indexer
