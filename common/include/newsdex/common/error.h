// newsdex/common/error.h — the one exception hierarchy of the newsdex libraries.
//
// Every error a newsdex library throws derives from newsdex::Error, so a host
// program needs a single catch clause. Errors coming from Xapian or ICU are
// translated at the library boundary and keep their original description in
// the message. A malformed *query* is not an error: it is reported in the
// search result as a warning (see newsdex/searcher/result.h).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace newsdex {

/// Base of every exception thrown by newsdex.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

/// Invalid options or configuration given by the caller (bad path, unknown
/// language, out-of-range setting).
class ConfigError : public Error {
 public:
  using Error::Error;
};

/// A record of an input file could not be read. Carries where it happened so
/// that the message reads `file:line: field: reason`.
class InputError : public Error {
 public:
  /// @param file   input file name ("-" for standard input)
  /// @param line   1-based line (or record) number, 0 when unknown
  /// @param field  the offending field, empty when the whole record is bad
  /// @param reason what is wrong, in words
  InputError(std::string file, std::uint64_t line, std::string field, std::string reason);

  const std::string& file() const noexcept { return file_; }
  std::uint64_t line() const noexcept { return line_; }
  const std::string& field() const noexcept { return field_; }
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string file_;
  std::uint64_t line_;
  std::string field_;
  std::string reason_;
};

/// The index could not be opened, read or written (missing database, corrupt
/// files, disk full, a Xapian error).
class IndexError : public Error {
 public:
  using Error::Error;
};

/// Another process holds the index's write lock.
class IndexLockedError : public IndexError {
 public:
  using IndexError::IndexError;
};

/// A shard of a sharded index could not be searched: its server is down,
/// died, or did not answer within the timeout (docs/scaling.md).
class ShardUnavailableError : public IndexError {
 public:
  using IndexError::IndexError;
};

/// What a request names does not exist (an unknown article id).
class NotFoundError : public Error {
 public:
  using Error::Error;
};

/// A query could not be run at all (as opposed to a malformed query, which is
/// repaired and reported as a warning).
class QueryError : public Error {
 public:
  using Error::Error;
};

}  // namespace newsdex
