// GitLab's Code Quality report: one issue per finding, at the model source
// line or else the checkpoint, with GitLab's severities and fingerprints
// unique in the report (GitLab keeps one issue per fingerprint).
#include <set>

#include <gtest/gtest.h>

#include "ckptcheck/report/render.h"
#include "report_samples.h"

namespace ckptcheck {
namespace {

using nlohmann::json;

TEST(RenderGitlab, OneIssuePerFindingWithGitlabsSeverities) {
  Report r = samples::breakage();
  json issues = report_gitlab(r);
  ASSERT_EQ(issues.size(), r.findings.size());
  for (size_t i = 0; i < issues.size(); ++i) {
    const Diagnostic& f = r.findings[i];
    std::string want = f.severity == Severity::Error ? "critical" : f.severity == Severity::Warning ? "minor" : "info";
    EXPECT_EQ(issues[i]["severity"], want) << i;
    EXPECT_EQ(issues[i]["check_name"].get<std::string>().substr(0, 5), rule_info(f.rule).code);
    std::string path = f.location ? f.location->file : !f.checkpoint.empty() ? f.checkpoint : r.models.front();
    EXPECT_EQ(issues[i]["location"]["path"], path) << i;
    EXPECT_GE(issues[i]["location"]["lines"]["begin"].get<int>(), 1);
  }
}

TEST(RenderGitlab, FingerprintsAreUniqueEvenForLookAlikeFindings) {
  Report r = samples::breakage();
  r.findings.push_back(r.findings.front());
  json issues = report_gitlab(r);
  std::set<std::string> fingerprints;
  for (const json& issue : issues) fingerprints.insert(issue["fingerprint"].get<std::string>());
  EXPECT_EQ(fingerprints.size(), issues.size());
}

TEST(RenderGitlab, TheFixIsPartOfTheDescription) {
  Report r = samples::breakage();
  json issues = report_gitlab(r);
  const Diagnostic& f = r.findings.front();
  ASSERT_FALSE(f.fix.empty());
  EXPECT_EQ(issues[0]["description"], f.message + " (fix: " + f.fix + ")");
}

}  // namespace
}  // namespace ckptcheck
