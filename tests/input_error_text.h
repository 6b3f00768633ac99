// input_error_text.h — the message of the InputError a call throws, so a
// test can compare it whole.
#pragma once

#include <string>

#include "newsdex/common/error.h"

namespace newsdex::testing {

/// Calls `read()` and returns the message of the InputError it throws, or
/// "(no InputError)" when it returns normally.
template <typename Read>
std::string input_error_text(Read read) {
  try {
    read();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

}  // namespace newsdex::testing
