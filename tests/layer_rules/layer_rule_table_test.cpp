// The layer-rule table beyond one case a layer: lookup by holder name,
// positional arguments, symbolic options and layer counts, conditional layouts,
// and the errors for what a rule cannot decide. Expectations come from LibTorch
// wherever a shape is compared.
#include "layer_rules_harness.h"

namespace ckptcheck {
namespace {

TEST(LayerRuleTable, FindsByHolderName) {
  const LayerRule* linear = find_layer_rule("Linear");
  ASSERT_NE(linear, nullptr);
  EXPECT_EQ(linear->name, "Linear");
  EXPECT_EQ(find_layer_rule("torch::nn::Linear"), linear);
  EXPECT_EQ(find_layer_rule("::torch::nn::Linear"), linear);
  EXPECT_EQ(find_layer_rule("LinearImpl"), linear);
  EXPECT_EQ(find_layer_rule("torch::nn::LinearImpl"), linear);
  EXPECT_EQ(find_layer_rule("Sequential"), nullptr) << "containers are not layers";
  EXPECT_EQ(find_layer_rule("torch::nn::NoSuchLayer"), nullptr);
}

TEST(LayerRuleTable, BindsPositionalArguments) {
  const LayerRule& conv = *find_layer_rule("Conv2d");
  LayerOptions o = bind_positional(conv, {n(3), n(64), n(3)}, {{"bias", false}});
  EXPECT_EQ(std::get<DimExpr>(o.at("in_channels")), DimExpr(3));
  EXPECT_EQ(std::get<DimExpr>(o.at("out_channels")), DimExpr(64));
  EXPECT_EQ(std::get<DimExpr>(o.at("kernel_size")), DimExpr(3));
  EXPECT_EQ(listing(rule_entries("Conv2d", o)), listing(*nn::Conv2d(nn::Conv2dOptions(3, 64, 3).bias(false))));

  // A named option is a setter run after the constructor, so it wins.
  o = bind_positional(conv, {n(3), n(64), n(3)}, {{"out_channels", n(32)}});
  EXPECT_EQ(std::get<DimExpr>(o.at("out_channels")), DimExpr(32));

  const LayerRule& lstm = *find_layer_rule("LSTM");
  o = bind_positional(lstm, {n(10), n(20)}, {{"num_layers", n(2)}});
  EXPECT_EQ(listing(rule_entries("LSTM", o)), listing(*nn::LSTM(nn::LSTMOptions(10, 20).num_layers(2))));

  const LayerRule& transformer = *find_layer_rule("Transformer");
  o = bind_positional(transformer, {n(8), n(2), n(1), n(1)}, {{"dim_feedforward", n(16)}});
  EXPECT_EQ(listing(rule_entries("Transformer", o)),
            listing(*nn::Transformer(nn::TransformerOptions(8, 2, 1, 1).dim_feedforward(16))));
}

TEST(LayerRuleTable, SymbolicOptionsGiveSymbolicShapes) {
  auto conv = rule_entries(
      "Conv2d",
      {{"in_channels", sym("c_in")}, {"out_channels", sym("width")}, {"kernel_size", n(3)}, {"groups", sym("g")}});
  ASSERT_EQ(conv.size(), 2u);
  EXPECT_EQ(conv[0].shape[0].to_string(), "width");
  EXPECT_EQ(conv[0].shape[1].to_string(), "c_in/g");
  EXPECT_EQ(listing(conv, {{"c_in", 8}, {"width", 16}, {"g", 4}}),
            listing(*nn::Conv2d(nn::Conv2dOptions(8, 16, 3).groups(4))));

  auto lstm = rule_entries("LSTM", {{"input_size", sym("in")},
                                    {"hidden_size", sym("hidden")},
                                    {"num_layers", n(2)},
                                    {"bidirectional", true},
                                    {"proj_size", n(3)}});
  EXPECT_EQ(listing(lstm, {{"in", 7}, {"hidden", 6}}),
            listing(*nn::LSTM(nn::LSTMOptions(7, 6).num_layers(2).bidirectional(true).proj_size(3))));

  auto gru = rule_entries("GRU", {{"input_size", sym("in")}, {"hidden_size", sym("hidden")}, {"num_layers", n(2)}});
  EXPECT_EQ(gru[0].shape[0].to_string(), "3*hidden");
  EXPECT_EQ(listing(gru, {{"in", 7}, {"hidden", 6}}), listing(*nn::GRU(nn::GRUOptions(7, 6).num_layers(2))));

  // kdim given as the very symbol embed_dim is keeps the packed projection.
  auto mha = rule_entries("MultiheadAttention", {{"embed_dim", sym("e")}, {"num_heads", n(2)}, {"kdim", sym("e")}});
  EXPECT_EQ(listing(mha, {{"e", 12}}), listing(*nn::MultiheadAttention(12, 2)));

  auto transformer =
      rule_entries("TransformerEncoder",
                   {{"d_model", sym("d")}, {"nhead", sym("h")}, {"dim_feedforward", sym("ff")}, {"num_layers", n(2)}});
  EXPECT_EQ(listing(transformer, {{"d", 8}, {"ff", 32}}),
            listing(*nn::TransformerEncoder(
                nn::TransformerEncoderOptions(nn::TransformerEncoderLayerOptions(8, 2).dim_feedforward(32), 2))));

  auto adaptive = rule_entries("AdaptiveLogSoftmaxWithLoss",
                               {{"in_features", sym("in")}, {"n_classes", sym("classes")}, {"cutoffs", dims({5, 10})}});
  EXPECT_EQ(listing(adaptive, {{"in", 70}, {"classes", 20}}),
            listing(*nn::AdaptiveLogSoftmaxWithLoss(nn::AdaptiveLogSoftmaxWithLossOptions(70, 20, {5, 10}))));
}

// The entries with their repeated groups written out at the bindings (what a
// checker does with a checkpoint's layer count).
std::vector<LayerEntry> expand_groups(const std::vector<LayerEntry>& entries, const Bindings& bindings) {
  std::vector<LayerEntry> out;
  for (size_t k = 0; k < entries.size();) {
    if (entries[k].repeat.empty()) {
      out.push_back(entries[k++]);
      continue;
    }
    const SpecRepeat& r = entries[k].repeat[0];
    size_t end = k;
    while (end < entries.size() && !entries[end].repeat.empty() && entries[end].repeat[0].group == r.group) ++end;
    for (int64_t i = *r.from.evaluate(bindings); i < *r.to.evaluate(bindings); ++i)
      for (size_t j = k; j < end; ++j) {
        LayerEntry e = entries[j];
        std::string placeholder = "{" + r.index + "}";
        e.name.replace(e.name.find(placeholder), placeholder.size(), std::to_string(i));
        e.repeat.clear();
        out.push_back(e);
      }
    k = end;
  }
  return out;
}

// num_layers given as a symbol gives repeated groups that, written out, are
// what LibTorch registers for that many layers.
TEST(LayerRuleTable, SymbolicLayerCountsGiveRepeatedGroups) {
  for (int64_t layers : {1, 2, 3}) {
    LayerOptions lstm = {{"input_size", n(3)},
                         {"hidden_size", n(5)},
                         {"num_layers", sym("layers")},
                         {"bidirectional", true},
                         {"proj_size", n(2)}};
    EXPECT_EQ(listing(expand_groups(rule_entries("LSTM", lstm), {{"layers", layers}})),
              listing(*nn::LSTM(nn::LSTMOptions(3, 5).num_layers(layers).bidirectional(true).proj_size(2))));
    LayerOptions gru = {{"input_size", n(3)}, {"hidden_size", n(5)}, {"num_layers", sym("layers")}};
    EXPECT_EQ(listing(expand_groups(rule_entries("GRU", gru), {{"layers", layers}})),
              listing(*nn::GRU(nn::GRUOptions(3, 5).num_layers(layers))));
    LayerOptions encoder = {
        {"d_model", n(8)}, {"nhead", n(2)}, {"dim_feedforward", n(16)}, {"num_layers", sym("layers")}};
    EXPECT_EQ(listing(expand_groups(rule_entries("TransformerEncoder", encoder), {{"layers", layers}})),
              listing(*nn::TransformerEncoder(nn::TransformerEncoderOptions(
                  nn::TransformerEncoderLayerOptions(8, 2).dim_feedforward(16), layers))));
  }
}

// Whether kdim equals embed_dim decides the projection layout; with a symbol
// both layouts are listed under complementary conditions (the attention
// fixture checks, against LibTorch, that the condition picks the right one).
TEST(LayerRuleTable, UndecidedLayoutsAreConditional) {
  auto entries = rule_entries("MultiheadAttention", {{"embed_dim", n(8)}, {"num_heads", n(2)}, {"kdim", sym("k")}});
  std::vector<std::string> got;
  for (const LayerEntry& e : entries) got.push_back(e.name + (e.condition.empty() ? "" : " if " + e.condition));
  std::vector<std::string> expected{"in_proj_weight if k==8",
                                    "q_proj_weight if !(k==8)",
                                    "k_proj_weight if !(k==8)",
                                    "v_proj_weight if !(k==8)",
                                    "in_proj_bias",
                                    "out_proj.weight",
                                    "out_proj.bias"};
  EXPECT_EQ(got, expected);
}

TEST(LayerRuleTable, ReportsWhatItCannotDecide) {
  LayerOptions lstm = {{"input_size", n(3)}, {"hidden_size", n(5)}};
  auto with = [](LayerOptions o, const std::string& key, OptionValue v) {
    o[key] = std::move(v);
    return o;
  };
  EXPECT_NE(rule_error("LSTM", with(lstm, "bidirectional", sym("bi"))).find("bidirectional"), std::string::npos);
  EXPECT_NE(rule_error("LSTM", with(lstm, "proj_size", sym("p"))).find("proj_size"), std::string::npos);
  EXPECT_NE(rule_error("LSTM", with(lstm, "bias", std::string("use_bias"))).find("bias"), std::string::npos);
  EXPECT_NE(rule_error("Linear", {{"in_features", n(3)}}).find("missing option out_features"), std::string::npos);
  EXPECT_NE(rule_error("Linear", {{"in_features", n(3)}, {"out_features", 2.5}}).find("out_features"),
            std::string::npos);
  EXPECT_NE(rule_error("Conv2d", {{"in_channels", n(3)}, {"out_channels", n(3)}, {"kernel_size", dims({3, 3, 3})}})
                .find("kernel_size"),
            std::string::npos);
  EXPECT_NE(rule_error("Transformer", {{"custom_encoder", std::string("encoder")}}).find("custom_encoder"),
            std::string::npos);
  EXPECT_NE(rule_error("TransformerEncoder", {{"d_model", n(8)}, {"nhead", n(2)}}).find("num_layers"),
            std::string::npos);  // required
  EXPECT_NE(rule_error("LSTM", with(lstm, "num_layers", n(-1))).find("num_layers is negative"), std::string::npos);
  EXPECT_NE(rule_error("Transformer", {{"num_encoder_layers", n(-2)}}).find("num_encoder_layers is negative"),
            std::string::npos);
  EXPECT_NE(rule_error("CrossEntropyLoss", {{"weight", std::string("class_weights")}}).find("weight"),
            std::string::npos);
  EXPECT_NE(rule_error("AdaptiveLogSoftmaxWithLoss",
                       {{"in_features", sym("in")}, {"n_classes", n(20)}, {"cutoffs", dims({5})}, {"div_value", 2.5}})
                .find("div_value"),
            std::string::npos);
}

}  // namespace
}  // namespace ckptcheck
