// merge_across_checkpoints: several checkpoints checked give one finding per
// code location, listing the checkpoints it applies to.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ckptcheck/match/report.h"

namespace ckptcheck {
namespace {

Diagnostic missing(const std::string& checkpoint, const std::string& key, int line) {
  Diagnostic d = Diagnostic::of(RuleId::MissingKey, "'" + key + "' is missing from the checkpoint",
                                Location{"src/net.cpp", line, 5});
  d.checkpoint = checkpoint;
  d.key = key;
  d.notes = {"Python's load_state_dict(strict=True) lists it under missing keys"};
  return d;
}

Report of(std::vector<Diagnostic> findings) {
  Report r;
  r.findings = std::move(findings);
  return r;
}

TEST(MergeAcrossCheckpoints, TheSameFindingInSeveralCheckpointsIsOneListingThem) {
  Report r = of({missing("a.pt", "fc.weight", 12), missing("a.pt", "fc.bias", 12), missing("b.pt", "fc.weight", 12),
                 missing("c.pt", "fc.weight", 12)});
  merge_across_checkpoints(r);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].key, "fc.weight");
  EXPECT_EQ(r.findings[0].checkpoint, "a.pt");
  EXPECT_EQ(r.findings[0].also_in, (std::vector<std::string>{"b.pt", "c.pt"}));
  EXPECT_EQ(r.findings[1].key, "fc.bias");
  EXPECT_TRUE(r.findings[1].also_in.empty());
}

TEST(MergeAcrossCheckpoints, FindingsThatDifferInAnyWordStaySeparate) {
  Diagnostic other_note = missing("b.pt", "fc.weight", 12);
  other_note.notes = {"torch::load throws here"};
  Diagnostic other_line = missing("c.pt", "fc.weight", 13);
  Diagnostic other_value = missing("d.pt", "fc.weight", 12);
  other_value.actual = {3, 4};
  Diagnostic other_severity = missing("e.pt", "fc.weight", 12).with_severity(Severity::Warning);
  Report r = of({missing("a.pt", "fc.weight", 12), other_note, other_line, other_value, other_severity});
  merge_across_checkpoints(r);
  EXPECT_EQ(r.findings.size(), 5u);
}

TEST(MergeAcrossCheckpoints, FindingsAboutAFileAloneStayOnePerFile) {
  auto unreadable = [](const std::string& file) {
    return Diagnostic::of(RuleId::UnreadableFile, "not a checkpoint").in(file);
  };
  Report r = of({unreadable("a.pt"), unreadable("b.pt")});
  merge_across_checkpoints(r);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_TRUE(r.findings[0].also_in.empty());
}

TEST(MergeAcrossCheckpoints, TwoFindingsOfOneCheckpointAreNotMerged) {
  Report r = of({missing("a.pt", "fc.weight", 12), missing("a.pt", "fc.weight", 12)});
  merge_across_checkpoints(r);
  EXPECT_EQ(r.findings.size(), 2u);
}

}  // namespace
}  // namespace ckptcheck
