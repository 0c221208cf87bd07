// The one place ckptcheck starts ckptcheck-analyze, the sibling executable that
// links Clang (docs/ARCHITECTURE.md, "The process boundary"): `ckptcheck
// analyze` becomes it (exec), the check talks to it over pipes (spawn). Both
// pass the analysis cache's directory and key first, so the analyzer stores
// what it computes where ckptcheck will look next time.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace ckptcheck {

struct AnalyzerInvocation {
  std::vector<std::string> arguments;  // ckptcheck-analyze's flags and files
  std::optional<std::string> cache_dir, cache_key;
};

// Replaces this process with the analyzer. Returns only when it could not be
// started, after saying why on stderr; the result is then the exit code.
int exec_analyzer(const AnalyzerInvocation& invocation);

// Starts the analyzer with stdin and stdout on the given descriptors and
// returns its pid; throws std::runtime_error, saying why, when it cannot.
pid_t spawn_analyzer(const AnalyzerInvocation& invocation, int stdin_fd, int stdout_fd);

}  // namespace ckptcheck
