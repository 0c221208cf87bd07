// What the constructor interpreter computes with: numbers (possibly symbolic),
// bools, strings, lists and pairs, tensors (shape and dtype only), layer
// options, objects of the model's own classes, and modules (the tree of
// registrations the constructor builds).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "ckptcheck/rules/layer_rules.h"
#include "ckptcheck/rules/model_spec.h"

namespace clang {
class CXXRecordDecl;
class FieldDecl;
}  // namespace clang

namespace ckptcheck::analysis {

struct ModuleValue;
using ModulePtr = std::shared_ptr<ModuleValue>;

struct TensorValue {
  std::vector<DimExpr> shape;
  std::string dtype = "float32";
};

// XxxOptions being built ("Linear" + the options set so far).
struct OptionsValue {
  std::string layer;
  LayerOptions options;
  // Options that are modules (TransformerEncoderOptions::norm), by option name.
  std::map<std::string, ModulePtr> modules;
  // Options set to values the analyzer cannot evaluate ("#i" for positional
  // ones), with why: the layer is still built when its tensors do not depend on
  // them (see make_layer).
  std::map<std::string, std::string> unknown;
};

struct DtypeValue {
  std::string dtype;  // torch short name
};

// A value the interpreter could not determine, with the reason (for CK501).
struct Unknown {
  std::string why;
  // Set for a variable a loop with a symbolic trip count may change: nothing
  // has said so yet, so the first read does (it may never be read).
  bool report_on_read = false;
  // True once a CK501 says why (Interpreter::unknown made it): code that drops
  // a registration because of an Unknown reports it unless this is set.
  bool diagnosed = false;
};

struct NullModule {};  // an empty holder: torch::nn::Linear fc{nullptr}

// A condition over the root's symbols ("hidden>64"): a branch on it is taken
// both ways, and what each side registers is recorded as conditional.
struct SymbolicCondition {
  std::string text;
  // The same as a 1-or-0 expression, so that c ? a : b over integers can be
  // one expression (DimExpr::select).
  std::optional<DimExpr> expr;
};

struct ListValue;
struct ObjectValue;

using Value = std::variant<Unknown, DimExpr, bool, double, std::string, std::vector<DimExpr>, TensorValue,
                           OptionsValue, DtypeValue, ModulePtr, NullModule, ListValue, ObjectValue,
                           SymbolicCondition>;

// A list whose items are not all integers (those are std::vector<DimExpr>):
// a std::vector or braced list of modules, tensors or pairs, and a
// torch::OrderedDict as its (key, value) items. A pair (std::pair,
// NamedAnyModule, OrderedDict::Item) is a list of two whose first item is the
// key, a string.
struct ListValue {
  std::vector<Value> items;
};

// An object of a class of the model's own that is not a module, such as an
// options struct with TORCH_ARG members: the values of its members.
struct ObjectValue {
  const clang::CXXRecordDecl* cls = nullptr;
  std::map<const clang::FieldDecl*, Value> fields;
};

struct TensorRegistration {
  std::string name;
  EntryKind kind = EntryKind::Parameter;
  TensorValue tensor;
  std::optional<Location> location;
  std::string condition;  // when it exists only if this holds ("hidden>64"); empty: always
  std::vector<SpecRepeat> repeats;  // the repeated groups it is in, outermost first
  std::string source;  // the tensor expression as written (a layer's own tensors: the layer's, see ModuleValue)
  // Tied by Tensor::set_ to another module's registered tensor (weight tying):
  // both names stay registered and share one storage.
  const ModuleValue* alias_module = nullptr;
  std::string alias_tensor;
};

// Modules are numbered as they are created, so a loop can tell the modules that
// existed before it (registering into them repeats) from those it creates on
// every trip (their own registrations happen once per instance).
inline uint64_t next_module_serial() {
  static uint64_t serial = 0;
  return ++serial;
}

// One module instance: a built-in layer (tensors from its rule), a container, or
// a custom module whose constructor was interpreted.
struct ModuleValue {
  std::string type;       // "torch::nn::Linear", "torch::nn::Sequential", "ResidualBlockImpl"
  bool builtin = false;
  std::vector<TensorRegistration> tensors;               // own, in registration order
  std::vector<std::pair<std::string, ModulePtr>> children;  // registered submodules, in order
  std::optional<Location> location;                     // where it was created
  std::string source;                                   // a built-in layer's construction, as written
  LayerOptions options;                  // a built-in layer's options, by name (what its rule was given)
  // A ModuleList's modules in list order: what iterating it gives. After
  // insert() they differ from the registered children (see torch_api.cpp).
  std::vector<ModulePtr> list;
  uint64_t serial = next_module_serial();
  // A container's positions that repeated groups add beyond the physical
  // children (a loop over i in [0, n) that pushes one module holds one child
  // for n positions: n-1 here), and the position of each auto-numbered child.
  DimExpr uncounted = 0;
  std::map<size_t, DimExpr> positions;  // by index into children (tensors for ParameterList)
  // For a class of the model's own deriving from a LibTorch container
  // (struct StackImpl : torch::nn::SequentialImpl): that container's type,
  // which says what its push_back etc. do. Empty otherwise.
  std::string container;
};
// The LibTorch container type a module behaves as ("torch::nn::Sequential"), or its own type.
inline const std::string& container_type(const ModuleValue& m) { return m.container.empty() ? m.type : m.container; }
// A ParameterList numbers its tensors; the other containers their modules.
inline bool numbers_tensors(const ModuleValue& m) { return container_type(m) == "torch::nn::ParameterList"; }

inline const DimExpr* as_dim(const Value& v) { return std::get_if<DimExpr>(&v); }
inline const bool* as_bool(const Value& v) { return std::get_if<bool>(&v); }
inline const std::string* as_string(const Value& v) { return std::get_if<std::string>(&v); }
inline const ModulePtr* as_module(const Value& v) { return std::get_if<ModulePtr>(&v); }
inline bool is_unknown(const Value& v) { return std::holds_alternative<Unknown>(v); }
// A condition's truth when it is known: a bool, or an integer as C++ reads it.
inline std::optional<bool> known_truth(const Value& v) {
  if (auto* b = as_bool(v)) return *b;
  if (auto* d = as_dim(v); d && d->constant()) return *d->constant() != 0;
  return std::nullopt;
}

// A known number as a double (C++ converts an integer on the other side of a double).
inline std::optional<double> as_number(const Value& v) {
  if (auto* x = std::get_if<double>(&v)) return *x;
  if (auto* d = as_dim(v); d && d->constant()) return static_cast<double>(*d->constant());
  return std::nullopt;
}

// The items of a list, whichever form it has; nullopt for anything else.
inline std::optional<std::vector<Value>> list_items(const Value& v) {
  if (auto* l = std::get_if<ListValue>(&v)) return l->items;
  if (auto* dims = std::get_if<std::vector<DimExpr>>(&v)) return std::vector<Value>(dims->begin(), dims->end());
  return std::nullopt;
}
// A list of these items: std::vector<DimExpr> when they are all integers (and
// when there are none), a ListValue otherwise.
inline Value make_list(std::vector<Value> items) {
  std::vector<DimExpr> dims;
  for (const Value& v : items)
    if (auto* d = std::get_if<DimExpr>(&v)) dims.push_back(*d);
  if (dims.size() == items.size()) return dims;
  return ListValue{std::move(items)};
}
// A (key, value) pair's key when `v` is one, and the value of one.
inline const std::string* pair_key(const Value& v) {
  auto* l = std::get_if<ListValue>(&v);
  return l && l->items.size() == 2 ? std::get_if<std::string>(&l->items[0]) : nullptr;
}
inline const Value& pair_value(const Value& pair) { return std::get<ListValue>(pair).items[1]; }


// An option value for a layer rule, when the interpreter's value can be one.
std::optional<OptionValue> to_option(const Value& v);

}  // namespace ckptcheck::analysis
