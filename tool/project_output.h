// One report for a project's models (tool/project_command.h): each model's
// own report in the requested format, and a summary of all of them. Text and
// Markdown put the models' reports one after the other under a heading;
// JSON is "ckptcheck/project/v1" (schemas/project-v1.schema.json) holding
// each model's report/v1; SARIF is one run holding every model's results, as
// code scanning wants one run per tool; GitLab's Code Quality report is one
// array of every model's issues.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "project_command.h"

namespace ckptcheck {

inline constexpr const char* kProjectSchema = "ckptcheck/project/v1";

struct ProjectResult {
  std::vector<ModelRun> runs;
  std::string config_file;
  std::string stdout_format;  // the format of each run's `output`; other formats are in its `writes`
  std::string version;
  int exit_code = 0;  // the worst of the runs'
};

ProjectResult combine_runs(std::vector<ModelRun> runs, const std::string& config_file, const std::string& stdout_format,
                           const std::string& version);

// The project's report in `format` (text, markdown, json or sarif).
void write_project_output(std::ostream& out, const ProjectResult& result, const std::string& format);

// One baseline of every run's findings (their --write-baseline files).
std::string merged_baseline(const std::vector<ModelRun>& runs, const std::string& version);

}  // namespace ckptcheck
