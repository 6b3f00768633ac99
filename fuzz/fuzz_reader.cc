// Fuzzes every input reader: the first byte picks the format, the rest is
// the file. A reader may only return articles or throw InputError, and must
// always come to an end.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "newsdex/common/error.h"
#include "newsdex/indexer/article_reader.h"

using newsdex::indexer::InputFormat;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr InputFormat kFormats[] = {
      InputFormat::kJsonLines, InputFormat::kJsonArray, InputFormat::kCsv,
      InputFormat::kTsv,       InputFormat::kRss,       InputFormat::kAtom,
      InputFormat::kNewsMl,    InputFormat::kNitf,      InputFormat::kHtml,
  };
  const InputFormat format = kFormats[data[0] % std::size(kFormats)];
  std::istringstream in(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  newsdex::indexer::ReaderOptions options;
  std::unique_ptr<newsdex::indexer::ArticleReader> reader;
  try {
    reader = newsdex::indexer::make_reader(in, "fuzz", format, options);
  } catch (const newsdex::InputError&) {
    return 0;  // a format this build cannot read
  }
  reader->set_warning_handler([](const newsdex::indexer::InputWarning&) {});
  // Each call consumes at least one record, so a bound on the calls catches
  // a reader that stops making progress.
  for (std::size_t calls = 0; calls <= size + 1; ++calls) {
    try {
      if (!reader->next()) return 0;
    } catch (const newsdex::InputError&) {
    }
  }
  __builtin_trap();  // no end in sight: a reader that loops
}
