// What the layer-rule tests share: a case (a real torch::nn layer and the same
// options as a LayerOptions), and listings of LibTorch's and a rule's entries in
// one comparable text form.
#pragma once

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "ckptcheck/rules/layer_rules.h"

namespace ckptcheck {

namespace nn = torch::nn;
using Bindings = std::map<std::string, int64_t>;

inline OptionValue n(int64_t v) { return DimExpr(v); }
inline OptionValue sym(const char* name) { return DimExpr::symbol(name); }
inline OptionValue dims(const std::vector<int64_t>& v) { return std::vector<DimExpr>(v.begin(), v.end()); }

struct Case {
  std::string name;   // the test's name: CamelCase, no underscores
  std::string layer;  // what find_layer_rule is asked for
  LayerOptions options;
  std::function<std::shared_ptr<nn::Module>()> build;
};

inline void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

inline std::string dtype_name(c10::ScalarType t) {
  switch (t) {
    case torch::kFloat: return "float32";
    case torch::kDouble: return "float64";
    case torch::kHalf: return "float16";
    case torch::kLong: return "int64";
    case torch::kInt: return "int32";
    case torch::kBool: return "bool";
    default: return c10::toString(t);
  }
}

inline std::string line(EntryKind kind, const std::string& name, const std::vector<std::string>& shape,
                        const std::string& dtype) {
  std::string s = std::string(entry_kind_name(kind)) + " " + name + " [";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + shape[i];
  return s + "] " + dtype + "\n";
}

// What LibTorch registers, one line per tensor: "parameter weight [4, 3] float32".
inline std::string listing(const nn::Module& m) {
  std::string out;
  auto add = [&](EntryKind kind, const std::string& name, const torch::Tensor& t) {
    std::vector<std::string> shape;
    for (int64_t d : t.sizes()) shape.push_back(std::to_string(d));
    out += line(kind, name, shape, dtype_name(t.scalar_type()));
  };
  for (const auto& p : m.named_parameters(/*recurse=*/true)) add(EntryKind::Parameter, p.key(), p.value());
  for (const auto& b : m.named_buffers(/*recurse=*/true)) add(EntryKind::Buffer, b.key(), b.value());
  return out;
}

// The rule's entries in the same form, with symbols evaluated at the bindings.
inline std::string listing(const std::vector<LayerEntry>& entries, const Bindings& bindings = {}) {
  std::string out;
  for (const LayerEntry& e : entries) {
    std::vector<std::string> shape;
    for (const DimExpr& d : e.shape) {
      auto v = d.evaluate(bindings);
      shape.push_back(v ? std::to_string(*v) : "?" + d.to_string());
    }
    out += line(e.kind, e.name, shape, e.dtype);
  }
  return out;
}

// The rule's entries for these options; fails the test on an error string.
inline std::vector<LayerEntry> rule_entries(const std::string& layer, const LayerOptions& options) {
  const LayerRule* rule = find_layer_rule(layer);
  if (!rule) {
    ADD_FAILURE() << "no rule for " << layer;
    return {};
  }
  auto result = rule->entries(options);
  if (auto* error = std::get_if<std::string>(&result)) {
    ADD_FAILURE() << layer << ": " << *error;
    return {};
  }
  return std::get<std::vector<LayerEntry>>(result);
}

inline std::string rule_error(const std::string& layer, const LayerOptions& options) {
  auto result = find_layer_rule(layer)->entries(options);
  auto* error = std::get_if<std::string>(&result);
  return error ? *error : "(no error)";
}

// Every case, built once (layer_cases.cpp).
const std::vector<Case>& layer_cases();

}  // namespace ckptcheck
