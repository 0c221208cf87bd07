// GitLab's Code Quality report (artifacts:reports:codequality): a JSON array
// of issues, the subset of the Code Climate format that GitLab reads
// (https://docs.gitlab.com/ci/testing/code_quality/), which
// schemas/gitlab-codequality.schema.json writes down. GitLab shows the
// issues in the merge request's widget and diff, and compares them with the
// target branch's by fingerprint.
#include <map>

#include "ckptcheck/report/render.h"
#include "fingerprint.h"
#include "render_util.h"

namespace ckptcheck {
namespace {

using nlohmann::json;

// GitLab ranks info < minor < major < critical < blocker. A checkpoint that
// will not load is critical; a warning is minor.
const char* gitlab_severity(Severity s) {
  switch (s) {
    case Severity::Error: return "critical";
    case Severity::Warning: return "minor";
    case Severity::Info: return "info";
  }
  return "critical";
}

}  // namespace

nlohmann::json report_gitlab(const Report& report) {
  json issues = json::array();
  std::map<std::string, size_t> seen;  // GitLab wants each fingerprint once
  for (const Diagnostic& f : report.findings) {
    const RuleInfo& rule = rule_info(f.rule);
    std::string description = f.message;
    if (!f.fix.empty()) description += " (fix: " + f.fix + ")";
    // The model source line; without one, the checkpoint; without either, the first model file.
    std::string path = f.location               ? f.location->file
                       : !f.checkpoint.empty()  ? f.checkpoint
                       : !report.models.empty() ? report.models.front()
                                                : std::string("ckptcheck");
    int line = f.location && f.location->line > 0 ? f.location->line : 1;
    std::string fingerprint = finding_fingerprint(f);
    if (size_t n = seen[fingerprint]++) fingerprint += "-" + std::to_string(n);
    issues.push_back({{"type", "issue"},
                      {"check_name", std::string(rule.code) + " " + std::string(rule.name)},
                      {"description", description},
                      {"categories", json::array({"Bug Risk"})},
                      {"severity", gitlab_severity(f.severity)},
                      {"fingerprint", fingerprint},
                      {"location", {{"path", path}, {"lines", {{"begin", line}}}}}});
  }
  return issues;
}

void render_gitlab(std::ostream& out, const Report& report) {
  out << report_gitlab(report).dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace ckptcheck
