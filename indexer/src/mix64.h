// mix64.h (internal) — SplitMix64's finaliser, the one 64-bit mixer of the
// near-duplicate code: cheap, and every input bit moves every output bit,
// so shingle hashes, min-hashes, band hashes and table slots spread evenly.
#pragma once

#include <cstdint>

namespace newsdex::indexer {

constexpr std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace newsdex::indexer
