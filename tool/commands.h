// The subcommands the tool wires up; each returns the process exit code.
#pragma once

#include <string>
#include <vector>

namespace ckptcheck {

// Exit codes, shared by every subcommand.
enum ExitCode { kExitClean = 0, kExitFindings = 1, kExitInputError = 2 };

struct InspectOptions {
  std::vector<std::string> files;
  std::string format = "text";
  bool warnings_as_errors = false;
};
int run_inspect(const InspectOptions& options);

}  // namespace ckptcheck
