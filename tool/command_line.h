// What both executables' command lines share: "--arg NAME=VALUE" bindings and
// the compiler arguments after "--", parsed in one place.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ckptcheck {

// "hidden=64" -> {"hidden", "64"}; nullopt without a name or an '='.
inline std::optional<std::pair<std::string, std::string>> split_binding(const std::string& text) {
  size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) return std::nullopt;
  return std::make_pair(text.substr(0, eq), text.substr(eq + 1));
}

// The arguments after the first "--" go to the compiler unchanged, so they are
// split off before the flag parser sees them. Returns how many arguments come
// before the "--" (argc when there is none).
inline int split_compiler_args(int argc, char* const* argv, std::vector<std::string>& compiler_args) {
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--") {
      compiler_args.assign(argv + i + 1, argv + argc);
      return i;
    }
  return argc;
}

}  // namespace ckptcheck
