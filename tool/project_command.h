// Bare `ckptcheck` in a repository whose .ckptcheck.json lists "models": each
// model's check runs as its own `ckptcheck check` process, in the
// configuration file's directory, side by side up to the number of cores;
// their reports become one (tool/project_output.h) and the exit code is the
// worst of theirs.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ckptcheck/report/config.h"
#include "commands.h"

namespace ckptcheck {

// What one model's check gave.
struct ModelRun {
  std::string name;
  std::vector<std::string> checkpoints;  // as its check was given them
  int exit_code = kExitInputError;
  std::string output;                         // its stdout, in the requested format
  std::string errors;                         // its stderr, or why it could not start
  std::string report_json;                    // its report/v1 JSON; "" when it wrote none
  std::map<std::string, std::string> writes;  // FORMAT -> that report, for --write
  std::string baseline;                       // its --write-baseline file's text
};

// `options` holds the flags given with the bare command (no model, no
// checkpoint). Without a configuration file that lists models, a usage error.
int run_project(const CheckOptions& options);

}  // namespace ckptcheck
