// Baselines (ckptcheck/report/baseline.h): what a baseline holds is not
// reported but counted, matched by rule, key and checkpoint, never by line or
// wording; every entry matches one finding; a bad baseline file is an error
// naming the file and the JSON path.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "ckptcheck/report/baseline.h"
#include "report_samples.h"

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;

// Writes `text` to a fresh file and reads it as a baseline.
Baseline baseline_of(const std::string& text) {
  fs::path file = fs::temp_directory_path() / ("ckptcheck_baseline_test_" + std::to_string(::getpid()) + ".json");
  std::ofstream(file) << text;
  Baseline b = read_baseline(file);
  fs::remove(file);
  return b;
}

std::string error_reading(const std::string& text) {
  try {
    baseline_of(text);
  } catch (const BaselineError& e) {
    return e.what();
  }
  return "";
}

TEST(Baseline, HoldsEveryFindingOfTheRunItWasWrittenFrom) {
  Report report = samples::breakage();
  size_t findings = report.findings.size();
  ASSERT_GT(findings, 3u);
  Baseline baseline = baseline_of(baseline_text(baseline_entries(report), "ckptcheck test"));
  EXPECT_EQ(baseline.entries.size(), findings);
  apply_baseline(baseline, report);
  EXPECT_TRUE(report.findings.empty());
  ASSERT_TRUE(report.baseline);
  EXPECT_EQ(report.baseline->matched, findings);
  EXPECT_EQ(report.baseline->fixed, 0u);
}

TEST(Baseline, MatchesFindingsWhoseLineAndWordingChanged) {
  Report before = samples::breakage();
  Baseline baseline = baseline_of(baseline_text(baseline_entries(before), "ckptcheck test"));
  Report after = samples::breakage();
  for (Diagnostic& f : after.findings) {
    if (f.location) f.location->line += 7;
    f.message += " (reworded)";
    f.notes.push_back("another note");
  }
  apply_baseline(baseline, after);
  EXPECT_TRUE(after.findings.empty());
}

TEST(Baseline, ReportsNewFindingsAndCountsFixedOnes) {
  Report before = samples::breakage();
  Baseline baseline = baseline_of(baseline_text(baseline_entries(before), "ckptcheck test"));
  Report after = samples::breakage();
  Diagnostic fixed = after.findings.front();
  after.findings.erase(after.findings.begin());
  Diagnostic added = fixed;
  added.key = "a_new_layer.weight";  // the same rule at another entry: a new finding
  after.findings.push_back(added);
  Diagnostic elsewhere = after.findings.front();
  elsewhere.checkpoint = "another.pt";  // the same finding in another checkpoint: new too
  after.findings.push_back(elsewhere);
  apply_baseline(baseline, after);
  ASSERT_EQ(after.findings.size(), 2u);
  EXPECT_EQ(after.findings[0].key, "a_new_layer.weight");
  EXPECT_EQ(after.findings[1].checkpoint, "another.pt");
  EXPECT_EQ(after.baseline->fixed, 1u);
  EXPECT_EQ(after.baseline->matched, before.findings.size() - 1);
}

// One baseline serves several models: a run counts as fixed only what is
// about its own checkpoints, or its own model when there is no checkpoint.
TEST(Baseline, CountsAsFixedOnlyWhatThisRunChecks) {
  Report other = samples::breakage();
  other.root = "OtherImpl";
  for (Diagnostic& f : other.findings) {
    if (!f.checkpoint.empty()) f.checkpoint = "other/" + f.checkpoint;
    if (f.location) f.location->file = "src/other.cpp";
  }
  std::vector<BaselineEntry> entries = baseline_entries(samples::breakage());
  std::vector<BaselineEntry> others = baseline_entries(other);
  entries.insert(entries.end(), others.begin(), others.end());
  Baseline baseline = baseline_of(baseline_text(entries, "ckptcheck test"));
  Report run = samples::breakage();
  apply_baseline(baseline, run);
  EXPECT_TRUE(run.findings.empty());
  EXPECT_EQ(run.baseline->fixed, 0u) << "the other model's entries are not this run's to count";
}

TEST(Baseline, EachEntryMatchesOneFinding) {
  Report before = samples::breakage();
  before.findings.resize(1);
  Baseline baseline = baseline_of(baseline_text(baseline_entries(before), "ckptcheck test"));
  Report after = before;
  after.findings.push_back(after.findings.front());
  apply_baseline(baseline, after);
  EXPECT_EQ(after.findings.size(), 1u);
  EXPECT_EQ(after.baseline->matched, 1u);
}

TEST(Baseline, ABadFileNamesTheProblem) {
  EXPECT_NE(error_reading("{").find("not valid JSON"), std::string::npos);
  EXPECT_NE(error_reading(R"({"schema":"ckptcheck/report/v1"})").find("not a baseline"), std::string::npos);
  EXPECT_NE(error_reading(R"({"schema":"ckptcheck/baseline/v1","made_by":"x","findings":[{"fingerprint":"xyz"}]})")
                .find("findings[0].rule: expected a string"),
            std::string::npos);
  EXPECT_NE(error_reading(R"({"schema":"ckptcheck/baseline/v1","made_by":"x","findings":[{"fingerprint":"xyz",)"
                          R"("rule":"CK401","key":"","checkpoint":"","message":"","root":""}]})")
                .find("findings[0].fingerprint: expected 16 hex digits"),
            std::string::npos);
  EXPECT_NE(error_reading(R"({"schema":"ckptcheck/baseline/v1","made_by":"x"})").find("findings: expected an array"),
            std::string::npos);
}

}  // namespace
}  // namespace ckptcheck
