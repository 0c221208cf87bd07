// What the constructor interpreter computes with: numbers (possibly symbolic),
// bools, strings, lists, tensors (shape and dtype only), layer options, and
// modules (the tree of registrations the constructor builds).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "ckptcheck/rules/layer_rules.h"
#include "ckptcheck/rules/model_spec.h"

namespace ckptcheck::analysis {

struct TensorValue {
  std::vector<DimExpr> shape;
  std::string dtype = "float32";
};

// XxxOptions being built ("Linear" + the options set so far).
struct OptionsValue {
  std::string layer;
  LayerOptions options;
};

struct DtypeValue {
  std::string dtype;  // torch short name
};

struct ModuleValue;
using ModulePtr = std::shared_ptr<ModuleValue>;

// A value the interpreter could not determine, with the reason (for CK501).
struct Unknown {
  std::string why;
};

struct NullModule {};  // an empty holder: torch::nn::Linear fc{nullptr}

using Value = std::variant<Unknown, DimExpr, bool, double, std::string, std::vector<DimExpr>, TensorValue,
                           OptionsValue, DtypeValue, ModulePtr, NullModule>;

struct TensorRegistration {
  std::string name;
  EntryKind kind = EntryKind::Parameter;
  TensorValue tensor;
  std::optional<Location> location;
};

// One module instance: a built-in layer (tensors from its rule), a container, or
// a custom module whose constructor was interpreted.
struct ModuleValue {
  std::string type;       // "torch::nn::Linear", "torch::nn::Sequential", "ResidualBlockImpl"
  bool builtin = false;
  std::vector<TensorRegistration> tensors;               // own, in registration order
  std::vector<std::pair<std::string, ModulePtr>> children;  // registered submodules, in order
  std::optional<Location> location;                     // where it was created
};

inline const DimExpr* as_dim(const Value& v) { return std::get_if<DimExpr>(&v); }
inline const bool* as_bool(const Value& v) { return std::get_if<bool>(&v); }
inline const std::string* as_string(const Value& v) { return std::get_if<std::string>(&v); }
inline const ModulePtr* as_module(const Value& v) { return std::get_if<ModulePtr>(&v); }
inline bool is_unknown(const Value& v) { return std::holds_alternative<Unknown>(v); }

// An option value for a layer rule, when the interpreter's value can be one.
std::optional<OptionValue> to_option(const Value& v);

}  // namespace ckptcheck::analysis
