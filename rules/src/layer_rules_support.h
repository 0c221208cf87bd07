// Internal to the layer rules: reading LayerOptions, building entries, and the
// per-family rule lists that layer_rules.cpp joins into one table.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ckptcheck/rules/layer_rules.h"

namespace ckptcheck::layer_rules {

using Entries = std::vector<LayerEntry>;
using Shape = std::vector<DimExpr>;

// ---- Reading options (layer_rules.cpp) ---------------------------------------
// The readers throw OptionError; guarded<> turns it into the rule's error string.

struct OptionError {
  std::string message;
};
[[noreturn]] void fail(std::string message);

const OptionValue* find(const LayerOptions& o, const std::string& name);
std::string describe(const OptionValue& v);  // "hidden*4", "true", "{3, 5}", "'zeros'"

// An integer option, possibly symbolic. Without a fallback it is required.
DimExpr dim(const LayerOptions& o, const std::string& name, std::optional<DimExpr> fallback = std::nullopt);
// An integer option that says how many tensors exist (num_layers): a number
// that must not be negative, or a symbol (a repeated group).
DimExpr count(const LayerOptions& o, const std::string& name, std::optional<DimExpr> fallback = std::nullopt);
// A bool option. Every bool option of these layers decides whether some tensor
// exists, so one the analyzer does not know is an error.
bool flag(const LayerOptions& o, const std::string& name, bool fallback);
// An ExpandingArray<n> option (kernel_size): one integer repeated, or a list of n.
Shape expanding(const LayerOptions& o, const std::string& name, size_t n);
// A std::vector<int64_t> option (normalized_shape, cutoffs); one integer is a list of one.
Shape list(const LayerOptions& o, const std::string& name);

// ---- Building entries --------------------------------------------------------

LayerEntry param(std::string name, Shape shape);
LayerEntry buffer(std::string name, Shape shape, std::string dtype = "float32");
// A submodule's entries under its registered name ("out_proj" + "weight" → "out_proj.weight").
void append(Entries& out, const std::string& prefix, const Entries& sub);

// Shapes several families share.
Entries linear_entries(const DimExpr& in, const DimExpr& out, bool bias);
Entries layer_norm_entries(const Shape& shape, bool affine);

// Runs a rule, turning an OptionError into its message. named_parameters() lists
// every parameter before any buffer, so composed rules are put in that order here.
template <Entries (*Rule)(const LayerOptions&)>
std::variant<Entries, std::string> guarded(const LayerOptions& o) {
  try {
    Entries e = Rule(o);
    std::stable_partition(e.begin(), e.end(), [](const LayerEntry& x) { return x.kind == EntryKind::Parameter; });
    return e;
  } catch (const OptionError& e) {
    return e.message;
  }
}

// ---- The families ------------------------------------------------------------

std::vector<LayerRule> basic_rules();       // layer_rules_basic.cpp: linear, conv, norms, embeddings, losses
std::vector<LayerRule> sequence_rules();    // layer_rules_sequence.cpp: recurrent, attention, transformer
std::vector<LayerRule> stateless_rules();   // layer_rules_basic.cpp: layers that own nothing

}  // namespace ckptcheck::layer_rules
