// json_writer.h (internal) — writes JSON text straight into a string.
//
// to_json() used to build an nlohmann::ordered_json tree of every result
// and then print it: a node, a key string and an allocation per field of
// every hit, which showed near the top of a one-word search's profile. This
// writer appends the text as it goes. It prints exactly what nlohmann's
// dump() printed, so that the output (docs/json.md) did not change: the same
// escapes, the same replacement of invalid UTF-8, the same numbers, the same
// indentation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::searcher::internal {

/// Appends one JSON value to a string, opened and closed by the caller in
/// order: begin_object(), then key() and a value for each member,
/// end_object(); likewise arrays. Commas, colons and (when indenting)
/// newlines are put in by the writer. Misuse (a value without its key in an
/// object, unbalanced ends) is not checked: the callers are few and tested.
class JsonWriter {
 public:
  /// Writes into `out` (appending); `indent` < 0 gives a single line, else
  /// members and items one per line, indented by `indent` spaces per level.
  explicit JsonWriter(std::string& out, int indent = -1) : out_(out), indent_(indent) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  /// The key of the next member of the current object.
  void key(std::string_view name);

  /// A string; control characters escaped, invalid UTF-8 replaced by U+FFFD
  /// (one per maximal invalid subsequence, as nlohmann's replace handler does).
  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(std::uint64_t number);
  void value(std::uint32_t number) { value(std::uint64_t{number}); }
  /// The shortest text that reads back as `number` ("9.51", "0.0", "1e-05");
  /// null when it is not finite.
  void value(double number);
  void value(bool truth);
  void null();
  /// An array of strings.
  void value(const std::vector<std::string>& texts);

 private:
  void open(char bracket);
  void close(char bracket);
  // Before a value: the comma and newline that separate it from the last.
  void separate();
  void newline();

  std::string& out_;
  int indent_;
  // Per open container: whether it has a member or item yet.
  std::vector<bool> has_items_;
  bool after_key_ = false;
};

/// Appends `text` to `out` as the inside of a JSON string (no quotes).
void append_json_escaped(std::string& out, std::string_view text);

/// Appends `number` as nlohmann's dump() prints a double.
void append_json_number(std::string& out, double number);

}  // namespace newsdex::searcher::internal
