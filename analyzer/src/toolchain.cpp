#include "ckptcheck/analyzer/toolchain.h"

#include <clang/Basic/Version.h>

namespace ckptcheck {

std::string analyzer_clang_version() { return clang::getClangFullCPPVersion(); }

}  // namespace ckptcheck
