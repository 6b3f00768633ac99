// fnv1a.h (internal) — a stable 64-bit hash for ids and shortened terms.
#pragma once

#include <cstdint>
#include <string_view>

namespace newsdex::internal {

/// 64-bit FNV-1a of `text`: stable across runs and platforms, so it may be
/// stored in an index (term suffixes, derived ids). Not for security.
inline std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace newsdex::internal
