// What each built-in torch::nn layer registers, as a function of its options:
// the knowledge LibTorch encodes in each module's reset(). One declaration per
// layer (layer_rules.cpp); tests compare every rule with LibTorch itself.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ckptcheck/rules/dim_expr.h"
#include "ckptcheck/rules/model_spec.h"

namespace ckptcheck {

// One option value as the analyzer found it: an integer (possibly symbolic), a
// bool, a list of integers (ExpandingArray sizes like kernel_size {3, 5}), a
// floating-point number, or a string / enum name ("zeros", "kReflect").
using OptionValue = std::variant<DimExpr, bool, std::vector<DimExpr>, double, std::string>;

// Options by the name LibTorch's XxxOptions class uses ("in_features", "bias",
// "kernel_size"). Options that are absent take the layer's defaults.
using LayerOptions = std::map<std::string, OptionValue>;

// One registered tensor of a layer, relative to the layer ("weight", "bias",
// "weight_ih_l0", "running_mean").
struct LayerEntry {
  std::string name;
  EntryKind kind = EntryKind::Parameter;
  std::vector<DimExpr> shape;
  std::string dtype = "float32";
  // Set when a symbolic option decides how many exist (LSTM's num_layers):
  // `group` numbers the layer's own groups from 1.
  std::vector<SpecRepeat> repeat;
  // Set when a symbolic option decides whether it exists (MultiheadAttention's
  // packed in_proj_weight when kdim may equal embed_dim): the condition in the
  // ModelSpec's spelling ("kdim==embed_dim", "!(...)", "(a)&&(b)").
  std::string condition;
};

struct LayerRule {
  std::string_view name;  // the holder's name in torch::nn: "Linear", "Conv2d", "LSTM"
  // Names of the options class's constructor arguments, in order
  // (LinearOptions(in_features, out_features)): how positional arguments bind.
  std::vector<std::string_view> positional;
  // The registered tensors for these options, in registration order. Returns an
  // error message instead when an option it needs is missing or not decidable.
  std::variant<std::vector<LayerEntry>, std::string> (*entries)(const LayerOptions& options);
};

std::span<const LayerRule> all_layer_rules();
// By holder name, with or without "torch::nn::" ("Linear", "torch::nn::Conv2d").
const LayerRule* find_layer_rule(std::string_view name);
// Binds positional arguments to option names per the rule; named ones stay as they are.
LayerOptions bind_positional(const LayerRule& rule, const std::vector<OptionValue>& positional,
                             LayerOptions named = {});

}  // namespace ckptcheck
