// Where the running executable is: ckptcheck-analyze and the precompiled meta
// LibTorch are installed next to ckptcheck.
#pragma once

#include <unistd.h>

#include <climits>
#include <string>

namespace ckptcheck {

inline std::string tool_directory() {
  char self[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  std::string path = n > 0 ? std::string(self, static_cast<size_t>(n)) : std::string();
  return path.substr(0, path.rfind('/'));
}

// The analyzer both `ckptcheck analyze` and the check run (tool/analyzer_process.h starts it).
inline std::string analyzer_executable() { return tool_directory() + "/ckptcheck-analyze"; }

}  // namespace ckptcheck
