// The subcommands the tool wires up; each returns the process exit code.
#pragma once

#include <string>
#include <vector>

#include "ckptcheck/match/match.h"
#include "ckptcheck/report/config.h"
#include "exit_codes.h"
#include "model_spec_source.h"

namespace ckptcheck {

struct InspectOptions {
  std::vector<std::string> files;
  std::string format = "text";
  bool warnings_as_errors = false;
};
int run_inspect(const InspectOptions& options);

struct ManifestOptions {
  std::string checkpoint;
  std::optional<std::string> output;  // -o; none: stdout
  std::string version;
};
int run_manifest(const ManifestOptions& options);

struct CheckOptions {
  ModelSource source;
  std::vector<std::string> checkpoints;
  MatchOptions match;                       // --key and --arg; the rest comes from the configuration
  std::optional<std::string> config_file;   // --config
  ConfigFlags flags;                        // flags that override the configuration file
  bool warnings_as_errors_flag = false;
  bool dump_config = false;
  bool timings = false;
  std::optional<std::string> write_baseline;  // --write-baseline FILE
  // --write FORMAT=FILE: the report in another format as well, written atomically.
  std::vector<std::pair<std::string, std::string>> writes;
  size_t jobs = 0;  // -j: a project's models checked at once; 0: one per core
  std::string version;
};
int run_check(const CheckOptions& options);

}  // namespace ckptcheck
