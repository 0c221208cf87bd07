// Proves the layer rules against LibTorch. Each case builds a real torch::nn
// layer and states the same options as a LayerOptions; the rule's entries must
// equal the layer's named_parameters() followed by named_buffers(): names,
// order, shapes, dtypes and kinds. Expectations come only from LibTorch at run
// time, never from the rules.
#include <set>

#include "layer_rules_harness.h"

namespace ckptcheck {
namespace {

class LayerRules : public testing::TestWithParam<Case> {};

TEST_P(LayerRules, MatchLibTorch) {
  const Case& c = GetParam();
  std::shared_ptr<nn::Module> module = c.build();
  EXPECT_EQ(listing(rule_entries(c.layer, c.options)), listing(*module));
}

INSTANTIATE_TEST_SUITE_P(, LayerRules, testing::ValuesIn(layer_cases()),
                         [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(LayerRuleTable, EveryRuleHasACase) {
  std::set<std::string> covered;
  for (const Case& c : layer_cases())
    if (const LayerRule* r = find_layer_rule(c.layer)) covered.insert(std::string(r->name));
  std::set<std::string> names;
  for (const LayerRule& r : all_layer_rules()) {
    EXPECT_TRUE(names.insert(std::string(r.name)).second) << "two rules for " << r.name;
    EXPECT_TRUE(covered.count(std::string(r.name))) << "no LibTorch case for " << r.name;
  }
}

}  // namespace
}  // namespace ckptcheck
