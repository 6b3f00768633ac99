// Fuzzes date parsing: any bytes give a date or nullopt, and a date formats
// and parses back to itself; the first eight bytes, read as a double epoch
// number, likewise.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "newsdex/common/date.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = newsdex::parse_date(text);
  if (parsed) {
    const auto again = newsdex::parse_iso8601(newsdex::format_iso8601(*parsed));
    if (!again || !(*again == *parsed)) __builtin_trap();
  }
  if (size >= sizeof(double)) {
    double epoch = 0;
    std::memcpy(&epoch, data, sizeof epoch);
    if (const auto ts = newsdex::timestamp_from_epoch(epoch)) {
      const auto again = newsdex::parse_iso8601(newsdex::format_iso8601(*ts));
      if (!again || !(*again == *ts)) __builtin_trap();
    }
  }
  return 0;
}
