#include "ckptcheck/match/report.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace ckptcheck {

SeverityCounts count_severities(const Report& report) {
  SeverityCounts c;
  for (const Diagnostic& f : report.findings) {
    switch (f.severity) {
      case Severity::Error: ++c.error; break;
      case Severity::Warning: ++c.warning; break;
      case Severity::Info: ++c.info; break;
    }
  }
  return c;
}

int report_exit_code(const Report& report, bool warnings_as_errors) {
  SeverityCounts c = count_severities(report);
  return c.error > 0 || (warnings_as_errors && c.warning > 0) ? 1 : 0;
}

namespace {

bool same_finding(const Diagnostic& a, const Diagnostic& b) {
  return a.rule == b.rule && a.severity == b.severity && a.key == b.key && a.message == b.message &&
         a.location->file == b.location->file && a.location->line == b.location->line &&
         a.location->column == b.location->column && a.notes == b.notes && a.fix == b.fix && a.expected == b.expected &&
         a.actual == b.actual && a.keys == b.keys && a.renames == b.renames;
}

}  // namespace

void merge_across_checkpoints(Report& report) {
  std::vector<Diagnostic> merged;
  // Candidates by rule, key and line, so that a large report is not compared pairwise.
  std::map<std::tuple<RuleId, std::string, std::string, int>, std::vector<size_t>> at;
  for (Diagnostic& f : report.findings) {
    if (!f.location || f.checkpoint.empty()) {
      merged.push_back(std::move(f));
      continue;
    }
    std::vector<size_t>& candidates = at[{f.rule, f.key, f.location->file, f.location->line}];
    auto same = std::find_if(candidates.begin(), candidates.end(), [&](size_t i) {
      const Diagnostic& m = merged[i];
      return m.checkpoint != f.checkpoint &&
             std::find(m.also_in.begin(), m.also_in.end(), f.checkpoint) == m.also_in.end() && same_finding(m, f);
    });
    if (same != candidates.end()) {
      merged[*same].also_in.push_back(std::move(f.checkpoint));
    } else {
      candidates.push_back(merged.size());
      merged.push_back(std::move(f));
    }
  }
  report.findings = std::move(merged);
}

}  // namespace ckptcheck
