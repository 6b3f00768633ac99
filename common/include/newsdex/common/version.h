// newsdex/common/version.h — the library's version.
#pragma once

#include <string_view>

namespace newsdex {

/// The version of the newsdex libraries, e.g. "0.1.0".
std::string_view version() noexcept;

}  // namespace newsdex
