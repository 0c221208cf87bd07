#include <set>
#include <string>

#include <gtest/gtest.h>

#include "ckptcheck/rules/catalog.h"

namespace ckptcheck {
namespace {

TEST(Catalog, CodesAndNamesAreUnique) {
  std::set<std::string_view> codes, names;
  for (const RuleInfo& r : all_rules()) {
    EXPECT_TRUE(codes.insert(r.code).second) << r.code;
    EXPECT_TRUE(names.insert(r.name).second) << r.name;
  }
}

TEST(Catalog, CodesAreSortedAndWellFormed) {
  std::string_view previous;
  for (const RuleInfo& r : all_rules()) {
    ASSERT_EQ(r.code.size(), 5u) << r.code;
    EXPECT_EQ(r.code.substr(0, 2), "CK");
    EXPECT_LT(previous, r.code);
    previous = r.code;
  }
}

// The families the code's hundreds stand for, on rules whose meaning says
// which family they are in.
TEST(Catalog, EachRuleIsInTheFamilyItsMeaningSays) {
  EXPECT_EQ(rule_family(RuleId::UnreadableFile), RuleFamily::File);
  EXPECT_EQ(rule_family(RuleId::CorruptEntry), RuleFamily::File);
  EXPECT_EQ(rule_family(RuleId::UnsafeGlobal), RuleFamily::PickleSafety);
  EXPECT_EQ(rule_family(RuleId::MissingKey), RuleFamily::KeySet);
  EXPECT_EQ(rule_family(RuleId::ShapeMismatch), RuleFamily::ShapeDtype);
  EXPECT_EQ(rule_family(RuleId::AnalysisIncomplete), RuleFamily::Analysis);
  EXPECT_EQ(rule_family(RuleId::LoaderFormat), RuleFamily::Loader);
  for (const RuleInfo& r : all_rules()) {
    int family = static_cast<int>(rule_family(r.id));
    EXPECT_TRUE(family >= 1 && family <= 6) << r.code;
  }
}

TEST(Catalog, FindsByCodeAndByName) {
  EXPECT_EQ(find_rule("CK101"), RuleId::UnreadableFile);
  EXPECT_EQ(find_rule("unsafe-global"), RuleId::UnsafeGlobal);
  EXPECT_EQ(find_rule("CK999"), std::nullopt);
  EXPECT_EQ(rule_info(RuleId::ShapeMismatch).code, "CK401");
}

TEST(Catalog, RulesNewInThisReleaseArePreviewTheRestStable) {
  const std::set<std::string_view> preview = {"CK303", "CK304", "CK305", "CK308", "CK403", "CK404", "CK601"};
  for (const RuleInfo& r : all_rules())
    EXPECT_EQ(r.lifecycle, preview.count(r.code) ? Lifecycle::Preview : Lifecycle::Stable) << r.code;
}

TEST(Catalog, LifecycleNamesAreDistinctWords) {
  std::set<std::string_view> names;
  for (Lifecycle l : {Lifecycle::Stable, Lifecycle::Preview, Lifecycle::Deprecated, Lifecycle::Removed})
    EXPECT_TRUE(names.insert(lifecycle_name(l)).second) << lifecycle_name(l);
  EXPECT_EQ(lifecycle_name(Lifecycle::Preview), "preview");
}

TEST(Catalog, SummariesReadLikeCompilerMessages) {
  for (const RuleInfo& r : all_rules()) {
    ASSERT_FALSE(r.summary.empty());
    EXPECT_FALSE(r.summary.back() == '.') << r.code;
    EXPECT_TRUE(std::islower(static_cast<unsigned char>(r.summary.front()))) << r.code;
  }
}

}  // namespace
}  // namespace ckptcheck
