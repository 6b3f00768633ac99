// held_documents.h (internal) — the file in which a bulk build's writer
// keeps the documents it holds back until duplicate clusters are settled
// (seen_bands.h): records of an 8-byte little-endian length and a
// Xapian::Document::serialise(), read back once, in order, by the same
// build. Scratch space, never read by another version of newsdex.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>

namespace newsdex::indexer {

/// Appends one record; the caller checks the stream.
void write_held_record(std::ofstream& out, const std::string& serialised);

/// Reads the records of a held-documents file in order.
class HeldDocumentReader {
 public:
  /// @throws IndexError if `path` cannot be opened
  explicit HeldDocumentReader(std::string path);
  /// The next record into `serialised`; false at the end.
  /// @throws IndexError on a truncated record
  bool next(std::string& serialised);

 private:
  std::string path_;
  std::ifstream in_;
  std::uint64_t read_ = 0;  // records so far, for the error message
};

}  // namespace newsdex::indexer
