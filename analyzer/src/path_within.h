// Whether a path is a directory or lies inside it, by its text: both absolute
// and normalised, so that "/a/bc" is not inside "/a/b".
#pragma once

#include <string_view>

namespace ckptcheck {

inline bool path_within(std::string_view path, std::string_view dir) {
  return path.starts_with(dir) && (path.size() == dir.size() || path[dir.size()] == '/');
}

}  // namespace ckptcheck
