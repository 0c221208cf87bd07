// Facts about the Clang the analyzer is built on.
#pragma once

#include <string>

namespace ckptcheck {

// "Clang 19.1.7" as reported by the linked libclang-cpp.
std::string analyzer_clang_version();

}  // namespace ckptcheck
