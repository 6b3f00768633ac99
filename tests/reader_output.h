// reader_output.h — everything a reader gives for one input, for the reader
// tests: articles (with their record numbers), errors and warnings as text.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "newsdex/common/error.h"
#include "newsdex/indexer/article_reader.h"

namespace newsdex::testing {

struct ReaderOutput {
  std::vector<Article> articles;
  std::vector<std::uint64_t> records;  ///< record() after each article
  std::vector<std::string> errors;     ///< InputError::what()
  std::vector<std::string> warnings;   ///< InputWarning::to_string()
  std::uint64_t bytes = 0;             ///< bytes_read() at the end
};

/// Calls next() until the end, collecting what it gives; a reader that does
/// not end within `max_calls` fails the test.
inline ReaderOutput read_all(indexer::ArticleReader& reader, int max_calls = 100000) {
  ReaderOutput output;
  reader.set_warning_handler([&](const indexer::InputWarning& warning) {
    output.warnings.push_back(warning.to_string());
  });
  for (int call = 0; call < max_calls; ++call) {
    try {
      auto article = reader.next();
      if (!article) {
        output.bytes = reader.bytes_read();
        return output;
      }
      output.articles.push_back(std::move(*article));
      output.records.push_back(reader.record());
    } catch (const InputError& error) {
      output.errors.push_back(error.what());
    }
  }
  ADD_FAILURE() << "the reader did not come to an end";
  return output;
}

}  // namespace newsdex::testing
