// utf8_repair.h (internal) — making untrusted text safe to index and show.
#pragma once

#include <cstddef>
#include <string>

namespace newsdex::internal {

/// Replaces every invalid UTF-8 sequence in `text` with U+FFFD; returns how
/// many were replaced (0: `text` was valid and is unchanged).
std::size_t repair_utf8(std::string& text);

/// Removes NUL and other C0/C1 control characters except tab, newline and
/// carriage return (kept as white space); returns how many were removed.
/// `text` must be valid UTF-8.
std::size_t strip_control_characters(std::string& text);

/// Cuts `text` to at most `max_bytes`, on a character boundary; returns
/// whether it was cut. `text` must be valid UTF-8.
bool truncate_utf8(std::string& text, std::size_t max_bytes);

}  // namespace newsdex::internal
