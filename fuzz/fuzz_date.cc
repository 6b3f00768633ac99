// Fuzzes date parsing: any bytes give a date or nullopt, and a date formats
// and parses back to itself.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "newsdex/common/date.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = newsdex::parse_date(text);
  if (parsed) {
    const auto again = newsdex::parse_iso8601(newsdex::format_iso8601(*parsed));
    if (!again || !(*again == *parsed)) __builtin_trap();
  }
  return 0;
}
