// Facts about the Clang the analyzer is built on.
#pragma once

#include <string>

namespace ckptcheck {

// The linked libclang-cpp's own version text, e.g. "Debian Clang 19.1.7 (3~deb12u1)".
std::string analyzer_clang_version();

}  // namespace ckptcheck
