// Baselines: today's findings recorded once (`--write-baseline FILE`), so that
// later runs fail only on new ones and say how many known ones remain and how
// many were fixed since. Findings are recorded by a fingerprint of rule, key
// and checkpoint, never by line, so moving code does not make them new.
// The file is "ckptcheck/baseline/v1" (schemas/baseline-v1.schema.json).
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ckptcheck/match/report.h"

namespace ckptcheck {

inline constexpr const char* kBaselineSchema = "ckptcheck/baseline/v1";

// A baseline file that cannot be used; the message names the file and the JSON path.
class BaselineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BaselineEntry {
  std::string fingerprint;  // what matching uses
  // For the reader of the file (a review of the baseline, a diff of it):
  std::string rule, key, checkpoint, message;
  // The root module of the run that recorded it. With the checkpoint, it
  // scopes "fixed since": a run counts only the entries about its own
  // checkpoints, or about its own model when the finding has no checkpoint,
  // so one baseline serves every model of a project.
  std::string root;
};

struct Baseline {
  std::string file;  // as named by the flag or the configuration
  std::vector<BaselineEntry> entries;
};

// The report's findings as entries (before merge_across_checkpoints, so that
// each checkpoint's finding is its own entry).
std::vector<BaselineEntry> baseline_entries(const Report& report);

// The baseline file's text: one finding per line, so that its diff reads finding by finding.
std::string baseline_text(const std::vector<BaselineEntry>& entries, std::string_view made_by);

// Reads and validates a baseline file's text; `name` is for messages. Throws BaselineError.
Baseline parse_baseline(std::string_view text, const std::string& name);

// Reads and validates a baseline file. Throws BaselineError.
Baseline read_baseline(const std::filesystem::path& file);

// Takes the findings the baseline holds out of the report, each entry matching
// one finding (a fingerprint recorded twice matches two), and fills
// report.baseline with the counts. Before merge_across_checkpoints, as above.
void apply_baseline(const Baseline& baseline, Report& report);

}  // namespace ckptcheck
