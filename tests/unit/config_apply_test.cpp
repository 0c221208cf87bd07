// apply_config: how severities and ignore entries change a report's findings,
// and which ignore entries it reports as unused.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ckptcheck/report/config.h"

namespace ckptcheck {
namespace {

Diagnostic finding(RuleId rule, std::string key, std::string checkpoint = "w.pt",
                   std::optional<Severity> severity = {}) {
  Diagnostic f;
  f.rule = rule;
  f.severity = severity.value_or(rule_info(rule).default_severity);
  f.key = std::move(key);
  f.checkpoint = std::move(checkpoint);
  return f;
}

Report report_of(std::vector<Diagnostic> findings, std::vector<std::string> checked = {"w.pt"}) {
  Report r;
  for (std::string& file : checked) {
    r.checkpoints.emplace_back();
    r.checkpoints.back().file = std::move(file);
  }
  r.findings = std::move(findings);
  return r;
}

std::vector<std::string> keys_of(const Report& r) {
  std::vector<std::string> keys;
  for (const Diagnostic& f : r.findings) keys.push_back(f.key);
  return keys;
}

IgnoreEntry ignore(std::string rule, std::optional<std::string> key, std::optional<std::string> checkpoint = {},
                   std::optional<std::string> expires = {}) {
  return IgnoreEntry{
      std::move(rule), std::move(key), std::move(checkpoint), "reason given", std::move(expires), "cfg.json", 0};
}

// ---- severities ------------------------------------------------------------

TEST(ApplyConfig, ChangesTheSeverityOfAConfiguredRule) {
  Config c;
  c.rules[RuleId::DtypeMismatch] = {Severity::Error, "cfg"};
  Report r = report_of({finding(RuleId::DtypeMismatch, "fc.weight")});
  apply_config(c, r, "2026-01-01");
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].severity, Severity::Error);
}

TEST(ApplyConfig, OffRemovesTheRulesFindings) {
  Config c;
  c.rules[RuleId::LegacyBuffer] = {std::nullopt, "cfg"};
  Report r =
      report_of({finding(RuleId::LegacyBuffer, "bn.num_batches_tracked"), finding(RuleId::MissingKey, "fc.bias")});
  apply_config(c, r, "2026-01-01");
  EXPECT_EQ(keys_of(r), std::vector<std::string>{"fc.bias"});
}

TEST(ApplyConfig, KeepsTheMatchersSeverityForAnUnconfiguredRule) {
  Config c;
  c.rules[RuleId::ShapeMismatch] = {Severity::Warning, "cfg"};
  // A narrowing dtype change is an error although CK402's default is warning.
  Report r = report_of({finding(RuleId::DtypeMismatch, "fc.weight", "w.pt", Severity::Error)});
  apply_config(c, r, "2026-01-01");
  EXPECT_EQ(r.findings[0].severity, Severity::Error);
}

// ---- ignore entries --------------------------------------------------------

TEST(ApplyConfig, AnIgnoreEntryWithoutExpiryDropsItsFinding) {
  Config c;
  c.ignore.push_back(ignore("CK302", "aux_head.*"));
  Report r =
      report_of({finding(RuleId::UnexpectedKey, "aux_head.fc.weight"),
                 finding(RuleId::UnexpectedKey, "head.aux_head.w"), finding(RuleId::MissingKey, "aux_head.fc.bias")});
  EXPECT_TRUE(apply_config(c, r, "2026-01-01").empty());
  EXPECT_EQ(keys_of(r), (std::vector<std::string>{"head.aux_head.w", "aux_head.fc.bias"}));
}

TEST(ApplyConfig, AnUnexpiredEntryHidesUntilTheDayBeforeItsDate) {
  Config c;
  c.ignore.push_back(ignore("CK302", "aux.*", std::nullopt, "2027-03-01"));
  Report r = report_of({finding(RuleId::UnexpectedKey, "aux.w")});
  apply_config(c, r, "2027-02-28");
  EXPECT_TRUE(r.findings.empty());
}

TEST(ApplyConfig, AnExpiredEntryKeepsTheFindingWithANote) {
  Config c;
  c.ignore.push_back(ignore("CK302", "aux.*", std::nullopt, "2027-03-01"));
  c.ignore[0].reason = "aux head dropped in v2";
  for (const char* today : {"2027-03-01", "2028-01-01"}) {
    Report r = report_of({finding(RuleId::UnexpectedKey, "aux.w")});
    EXPECT_TRUE(apply_config(c, r, today).empty()) << "an expired entry that matched is still used";
    ASSERT_EQ(r.findings.size(), 1u) << today;
    EXPECT_EQ(r.findings[0].notes,
              std::vector<std::string>{
                  "the ignore entry cfg.json: ignore[0] expired on 2027-03-01 (reason: aux head dropped in v2)"});
  }
}

TEST(ApplyConfig, AnUnexpiredEntryWinsOverAnExpiredOne) {
  Config c;
  c.ignore.push_back(ignore("CK302", "aux.*", std::nullopt, "2020-01-01"));
  c.ignore.push_back(ignore("", "aux.w"));
  Report r = report_of({finding(RuleId::UnexpectedKey, "aux.w")});
  apply_config(c, r, "2026-01-01");
  EXPECT_TRUE(r.findings.empty());
}

TEST(ApplyConfig, KeyGlobsUseStarAndQuestionMark) {
  Config c;
  c.ignore.push_back(ignore("", "layers.?.attn.*"));
  Report r = report_of({finding(RuleId::MissingKey, "layers.3.attn.in_proj_weight"),
                        finding(RuleId::MissingKey, "layers.12.attn.in_proj_weight"),
                        finding(RuleId::MissingKey, "layers.{0..11}.attn.bias")});
  apply_config(c, r, "2026-01-01");
  EXPECT_EQ(keys_of(r), (std::vector<std::string>{"layers.12.attn.in_proj_weight", "layers.{0..11}.attn.bias"}));
}

TEST(ApplyConfig, CheckpointGlobsMatchThePathAsGiven) {
  Config c;
  c.ignore.push_back(ignore("CK302", std::nullopt, "old/*.pt"));
  Report r =
      report_of({finding(RuleId::UnexpectedKey, "a", "old/v1.pt"), finding(RuleId::UnexpectedKey, "b", "./old/v2.pt"),
                 finding(RuleId::UnexpectedKey, "c", "new/v3.pt"), finding(RuleId::UnexpectedKey, "d", "old/v4.pth"),
                 finding(RuleId::UnexpectedKey, "e", "")},
                {"old/v1.pt", "./old/v2.pt", "new/v3.pt", "old/v4.pth"});
  apply_config(c, r, "2026-01-01");
  EXPECT_EQ(keys_of(r), (std::vector<std::string>{"c", "d", "e"}));
}

TEST(ApplyConfig, ACheckpointGlobWithoutSlashMatchesTheFileName) {
  Config c;
  c.ignore.push_back(ignore("", std::nullopt, "legacy_*.pt"));
  Report r = report_of({finding(RuleId::MissingKey, "a", "/data/ckpt/legacy_1.pt"),
                        finding(RuleId::MissingKey, "b", "/data/legacy_1/new.pt")},
                       {"/data/ckpt/legacy_1.pt", "/data/legacy_1/new.pt"});
  apply_config(c, r, "2026-01-01");
  EXPECT_EQ(keys_of(r), std::vector<std::string>{"b"});
}

TEST(ApplyConfig, ARulePrefixSelectsItsHundredsBlock) {
  Config c;
  c.ignore.push_back(ignore("CK3", "old.*"));
  Report r = report_of({finding(RuleId::MissingKey, "old.a"), finding(RuleId::LegacyBuffer, "old.b"),
                        finding(RuleId::ShapeMismatch, "old.c")});
  apply_config(c, r, "2026-01-01");
  EXPECT_EQ(keys_of(r), std::vector<std::string>{"old.c"});
}

TEST(ApplyConfig, ARuleNameSelectsThatRule) {
  Config c;
  c.ignore.push_back(ignore("legacy-buffer", std::nullopt));
  Report r = report_of({finding(RuleId::LegacyBuffer, "a"), finding(RuleId::MissingKey, "b")});
  apply_config(c, r, "2026-01-01");
  EXPECT_EQ(keys_of(r), std::vector<std::string>{"b"});
}

TEST(ApplyConfig, ReportsAnEntryThatMatchedNothing) {
  Config c;
  c.ignore.push_back(ignore("CK302", "used"));
  c.ignore.push_back(ignore("CK302", "gone.*"));
  c.ignore.back().index = 1;
  Report r = report_of({finding(RuleId::UnexpectedKey, "used")});
  EXPECT_EQ(apply_config(c, r, "2026-01-01"),
            std::vector<std::string>{"cfg.json: ignore[1]: matched no finding; remove it if what it hid is fixed"});
}

TEST(ApplyConfig, DoesNotReportAnEntryForFilesNotChecked) {
  Config c;
  c.ignore.push_back(ignore("CK302", std::nullopt, "old/*.pt"));
  Report r = report_of({}, {"new.pt"});
  EXPECT_TRUE(apply_config(c, r, "2026-01-01").empty());
  Report checked = report_of({}, {"old/a.pt"});
  EXPECT_EQ(apply_config(c, checked, "2026-01-01").size(), 1u);
}

}  // namespace
}  // namespace ckptcheck
