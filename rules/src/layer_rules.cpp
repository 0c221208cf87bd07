// The layer-rule table and what every rule shares: reading LayerOptions and
// building entries. The rules themselves are in layer_rules_basic.cpp and
// layer_rules_sequence.cpp; tests/layer_rules/layer_rules_vs_libtorch_test.cpp
// checks each of them against LibTorch.
#include "ckptcheck/rules/layer_rules.h"

#include "layer_rules_support.h"

namespace ckptcheck {
namespace layer_rules {

void fail(std::string message) { throw OptionError{std::move(message)}; }

const OptionValue* find(const LayerOptions& o, const std::string& name) {
  auto it = o.find(name);
  return it == o.end() ? nullptr : &it->second;
}

std::string describe(const OptionValue& v) {
  if (auto* d = std::get_if<DimExpr>(&v)) return d->to_string();
  if (auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (auto* l = std::get_if<Shape>(&v)) {
    std::string s = "{";
    for (size_t i = 0; i < l->size(); ++i) s += (i ? ", " : "") + (*l)[i].to_string();
    return s + "}";
  }
  if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return "'" + std::get<std::string>(v) + "'";
}

DimExpr dim(const LayerOptions& o, const std::string& name, std::optional<DimExpr> fallback) {
  const OptionValue* v = find(o, name);
  if (!v) {
    if (fallback) return *fallback;
    fail("missing option " + name);
  }
  if (auto* d = std::get_if<DimExpr>(v)) return *d;
  fail(name + " is " + describe(*v) + ", not an integer");
}

DimExpr count(const LayerOptions& o, const std::string& name, std::optional<DimExpr> fallback) {
  DimExpr d = dim(o, name, fallback);
  if (auto k = d.constant(); k && *k < 0) fail(name + " is negative");
  return d;
}

bool flag(const LayerOptions& o, const std::string& name, bool fallback) {
  const OptionValue* v = find(o, name);
  if (!v) return fallback;
  if (auto* b = std::get_if<bool>(v)) return *b;
  // An integer converts as in C++ (bias(0)).
  if (auto* d = std::get_if<DimExpr>(v); d && d->constant()) return *d->constant() != 0;
  fail(name + " is " + describe(*v) + ", which decides whether tensors exist");
}

Shape expanding(const LayerOptions& o, const std::string& name, size_t n) {
  const OptionValue* v = find(o, name);
  if (!v) fail("missing option " + name);
  if (auto* d = std::get_if<DimExpr>(v)) return Shape(n, *d);
  if (auto* l = std::get_if<Shape>(v); l && l->size() == n) return *l;
  fail(name + " is " + describe(*v) + ", expected an integer or a list of " + std::to_string(n));
}

Shape list(const LayerOptions& o, const std::string& name) {
  const OptionValue* v = find(o, name);
  if (!v) fail("missing option " + name);
  if (auto* l = std::get_if<Shape>(v)) return *l;
  if (auto* d = std::get_if<DimExpr>(v)) return {*d};
  fail(name + " is " + describe(*v) + ", expected a list of integers");
}

LayerEntry param(std::string name, Shape shape) {
  return {std::move(name), EntryKind::Parameter, std::move(shape), "float32", {}, {}};
}

LayerEntry buffer(std::string name, Shape shape, std::string dtype) {
  return {std::move(name), EntryKind::Buffer, std::move(shape), std::move(dtype), {}, {}};
}

void append(Entries& out, const std::string& prefix, const Entries& sub) {
  for (const LayerEntry& e : sub) {
    out.push_back(e);
    out.back().name = prefix + "." + e.name;
  }
}

// LinearImpl::reset (linear.cpp): weight [out, in], bias [out].
Entries linear_entries(const DimExpr& in, const DimExpr& out, bool bias) {
  Entries e{param("weight", {out, in})};
  if (bias) e.push_back(param("bias", {out}));
  return e;
}

// LayerNormImpl::reset (normalization.cpp): weight and bias of normalized_shape.
Entries layer_norm_entries(const Shape& shape, bool affine) {
  if (!affine) return {};
  return {param("weight", shape), param("bias", shape)};
}

namespace {

const std::vector<LayerRule>& table() {
  static const std::vector<LayerRule> rules = [] {
    std::vector<LayerRule> all = basic_rules();
    for (auto family : {sequence_rules, stateless_rules})
      for (LayerRule& r : family()) all.push_back(std::move(r));
    return all;
  }();
  return rules;
}

}  // namespace
}  // namespace layer_rules

std::span<const LayerRule> all_layer_rules() { return layer_rules::table(); }

const LayerRule* find_layer_rule(std::string_view name) {
  // The analyzer may see "torch::nn::Linear", "::torch::nn::Linear" or the LinearImpl behind the holder.
  for (std::string_view prefix : {"::", "torch::", "nn::"})
    if (name.starts_with(prefix)) name.remove_prefix(prefix.size());
  if (name.ends_with("Impl")) name.remove_suffix(4);
  for (const LayerRule& r : layer_rules::table())
    if (r.name == name) return &r;
  return nullptr;
}

LayerOptions bind_positional(const LayerRule& rule, const std::vector<OptionValue>& positional, LayerOptions named) {
  // Named options win: a chained setter (LinearOptions(3, 4).in_features(5)) runs
  // after the constructor. Arguments beyond the constructor's are dropped.
  for (size_t i = 0; i < positional.size() && i < rule.positional.size(); ++i)
    named.try_emplace(std::string(rule.positional[i]), positional[i]);
  return named;
}

}  // namespace ckptcheck
