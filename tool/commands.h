// The subcommands the tool wires up; each returns the process exit code.
#pragma once

#include <string>
#include <vector>

#include "ckptcheck/match/match.h"
#include "model_spec_source.h"

namespace ckptcheck {

// Exit codes, shared by every subcommand.
enum ExitCode { kExitClean = 0, kExitFindings = 1, kExitInputError = 2 };

struct InspectOptions {
  std::vector<std::string> files;
  std::string format = "text";
  bool warnings_as_errors = false;
};
int run_inspect(const InspectOptions& options);

struct CheckOptions {
  ModelSource source;
  std::vector<std::string> checkpoints;
  MatchOptions match;
  std::string format = "text";
  bool warnings_as_errors = false;
  bool timings = false;
  std::string version;
};
int run_check(const CheckOptions& options);

}  // namespace ckptcheck
