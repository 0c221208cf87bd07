// Layers for the static engine's interpreter: a LibTorch layer holder built
// from positional arguments or an Options object (what it registers comes
// from the layer rules, rules/src/layer_rules*.cpp), and its options.
#include <algorithm>

#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/Basic/Builtins.h>

#include "interpreter.h"

namespace ckptcheck::analysis {

using namespace clang;

namespace {

// "torch::nn::Conv2dOptions" (as written, typedefs kept) -> "Conv2d".
std::string options_layer(QualType t);

// The same, through the model's own aliases (using Options = Conv2dOptions)
// until a name has a layer rule.
std::string options_layer_of(QualType t) {
  std::string s = options_layer(t);
  while (!find_layer_rule(s)) {
    const TypedefType* alias = t->getAs<TypedefType>();
    if (!alias) break;
    t = alias->getDecl()->getUnderlyingType();
    if (std::string next = options_layer(t); find_layer_rule(next)) return next;
  }
  return s;
}

std::string options_layer(QualType t) {
  std::string s = t.getUnqualifiedType().getAsString();
  if (auto lt = s.find('<'); lt != std::string::npos) s.resize(lt);
  if (auto c = s.rfind("::"); c != std::string::npos) s = s.substr(c + 2);
  if (s.rfind("const ", 0) == 0) s = s.substr(6);
  constexpr std::string_view kSuffix = "Options";
  if (s.size() > kSuffix.size() && s.compare(s.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0)
    s.resize(s.size() - kSuffix.size());
  return s;
}

// Puts argument `i` of a layer's options (or of the layer's constructor) into
// `o`. An argument that is itself a layer, or a layer's options, stands for
// those options, merged in: TransformerEncoderOptions(TransformerEncoderLayer(
// layer_options), n) nests the layer's options, and the rules take them
// flattened next to the encoder's own. False when `v` is none of these.
bool take_argument(OptionsValue& o, size_t i, const Value& v) {
  if (auto option = to_option(v)) {
    o.options["#" + std::to_string(i)] = *option;
    return true;
  }
  LayerOptions nested;
  if (auto* n = std::get_if<OptionsValue>(&v)) {
    nested = bind_options(find_layer_rule(n->layer), n->options);
    o.modules.insert(n->modules.begin(), n->modules.end());
  } else if (auto* m = as_module(v); m && (*m)->builtin && find_layer_rule((*m)->type)) {
    nested = (*m)->options;
  } else {
    return false;
  }
  for (const auto& [k, x] : nested) o.options.try_emplace(k, x);
  return true;
}

// What a module registers, listed as a layer rule lists it: its parameters,
// then its buffers, each in named_parameters() / named_buffers() order.
void collect_entries(const ModuleValue& m, const std::string& prefix, EntryKind kind, std::vector<LayerEntry>& out) {
  for (const TensorRegistration& t : m.tensors)
    if (t.kind == kind) out.push_back(LayerEntry{prefix + t.name, kind, t.tensor.shape, t.tensor.dtype, {}, {}});
  for (const auto& [name, child] : m.children) collect_entries(*child, prefix + name + ".", kind, out);
}

bool same_entries(const std::vector<LayerEntry>& a, const std::vector<LayerEntry>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const LayerEntry& x, const LayerEntry& y) {
    return x.name == y.name && x.kind == y.kind && x.shape == y.shape && x.dtype == y.dtype;
  });
}

}  // namespace

bool is_container(const std::string& layer) {
  return layer == "Sequential" || layer == "ModuleList" || layer == "ModuleDict" || layer == "ParameterList" ||
         layer == "ParameterDict";
}

// Options given to a layer, by name: the "#i" positional arguments bound to
// the names the layer's rule gives them. Named ones win: a chained setter
// (LinearOptions(3, 4).in_features(5)) runs after the constructor.
LayerOptions bind_options(const LayerRule* rule, const LayerOptions& given) {
  LayerOptions out;
  for (const auto& [k, v] : given)
    if (k[0] != '#') out[k] = v;
  for (const auto& [k, v] : given) {
    size_t i = k[0] == '#' ? std::stoul(k.substr(1)) : SIZE_MAX;
    if (rule && i < rule->positional.size()) out.try_emplace(std::string(rule->positional[i]), v);
  }
  return out;
}

std::optional<Value> Interpreter::eval_construction(const CXXConstructExpr* c, Frame& f) {
  const CXXRecordDecl* record = c->getType()->getAsCXXRecordDecl();
  if (!record) return std::nullopt;
  std::vector<const Expr*> args(c->arg_begin(), c->arg_end());
  if (c->getConstructor()->isCopyOrMoveConstructor()) return std::nullopt;
  if (const CXXRecordDecl* impl = holder_impl(record)) {
    std::string layer = builtin_layer_name(impl);
    if (layer == "Functional") {  // wraps a function (torch::relu): owns nothing, still takes a place
      auto module = std::make_shared<ModuleValue>();
      module->type = "torch::nn::Functional";
      module->builtin = true;
      module->location = location_of(c);
      return Value{module};
    }
    std::vector<Value> values;
    for (const Expr* a : args) values.push_back(eval(a, f));
    // A holder made from nullptr is empty; one made from a shared_ptr to its
    // own module type is that same module. Other arguments go to the module's
    // constructor: Sequential(Linear(...)) holds the Linear.
    if (values.size() == 1) {
      if (std::holds_alternative<NullModule>(values[0])) return values[0];
      // A holder made from a shared_ptr or a holder of its module (fc =
      // register_module(...)) is that module, also when it could not be built.
      if (const CXXRecordDecl* from = args[0]->getType()->getAsCXXRecordDecl();
          from && ((from->isInStdNamespace() && from->getName() == "shared_ptr") ||
                   from->getCanonicalDecl() == record->getCanonicalDecl()))
        return values[0];
      std::string own_type = layer.empty() ? qualified_name(impl) : "torch::nn::" + layer;
      if (auto* m = as_module(values[0]); m && (*m)->type == own_type) return values[0];
    }
    if (!layer.empty()) return make_layer(layer, values, args, f, c);
    if (ModulePtr m = construct(impl, values, c, f.depth + 1)) return Value{m};
    return Unknown{.why = "cannot construct '" + qualified_name(impl) + "'",
                   .diagnosed = true};  // construct() said why
  }
  std::string q = qualified_name(record);
  // Meta LibTorch's catch-all parameter (analyzer/meta/ckptcheck_torch/c10.h) stands for
  // the value it is given, as LibTorch's real parameter type would.
  if (q == "ckptcheck_bundled::Arg") return args.size() == 1 ? eval(args[0], f) : Value{Unknown{"no argument"}};
  if (is_module_class(record) && !in_torch(q)) {
    std::vector<Value> values;
    for (const Expr* a : args) values.push_back(eval(a, f));
    return Value{run_constructor(c->getConstructor(), values, {}, false, f.depth + 1)};
  }
  if (q.rfind("torch::nn::", 0) == 0 && q.size() > 7 && q.compare(q.size() - 7, 7, "Options") == 0) {
    // Positional arguments are kept as "#0", "#1", ... until the layer that takes
    // these options says which option each one is.
    OptionsValue o{options_layer_of(c->getType()), {}, {}, {}};
    for (size_t i = 0; i < args.size(); ++i)
      if (Value v = eval(args[i], f); !take_argument(o, i, v))
        o.unknown["#" + std::to_string(i)] =
            is_unknown(v) ? std::get<Unknown>(v).why : "not a value an option can have";
    return o;
  }
  // A torch::OrderedDict is the list of its (key, value) items; it starts
  // empty (the one string its constructor takes describes keys in messages).
  if (q == "torch::OrderedDict") {
    if (args.empty()) return ListValue{};
    Value v = eval(args[0], f);
    return as_string(v) ? Value{ListValue{}} : v;
  }
  // NamedAnyModule(name, module) and OrderedDict's Item(key, value) are pairs.
  bool dict_item = record->getName() == "Item" &&
                   qualified_name(dyn_cast<CXXRecordDecl>(record->getDeclContext())) == "torch::OrderedDict";
  if ((q == "torch::nn::NamedAnyModule" || dict_item) && args.size() == 2)
    return ListValue{{eval(args[0], f), eval(args[1], f)}};
  if (q == "c10::TensorOptions" && args.empty()) return DtypeValue{"float32"};
  if (q == "c10::ArrayRef" && args.empty()) return std::vector<DimExpr>{};  // torch::zeros({}): a 0-dim tensor
  return std::nullopt;
}

// Longer than the house limit (~80 lines): one short case per way LibTorch's
// layers take their options (positional, Options structs, builder calls).
Value Interpreter::make_layer(const std::string& layer, const std::vector<Value>& values,
                              const std::vector<const Expr*>& args, Frame& f, const Expr* where) {
  auto module = std::make_shared<ModuleValue>();
  module->type = "torch::nn::" + layer;
  module->builtin = true;
  module->location = location_of(where);
  module->source = source_text(where);
  if (is_container(layer)) {
    // Given one list (an OrderedDict, a vector of pairs, {{"name", module},
    // ...}), the constructor adds its items by name; ModuleDict's runs
    // update(items). Otherwise each argument is pushed back / appended.
    if (std::optional<std::vector<Value>> items = values.size() == 1 ? list_items(values[0]) : std::nullopt) {
      if (layer == "ModuleDict") return container_call(module, "update", values, where);
      for (const Value& item : *items) {
        if (const std::string* key = pair_key(item))
          add_to_container(module, *key, pair_value(item), where);
        else
          dropped(item, where, "an item given to torch::nn::" + layer + " has no name");
      }
    } else {
      for (const Value& v : values) add_to_container(module, std::nullopt, v, where);
    }
    return module;
  }
  const LayerRule* rule = find_layer_rule(layer);
  if (!rule) return unknown(where, "no rule says what 'torch::nn::" + layer + "' registers");
  OptionsValue given{layer, {}, {}, {}};
  if (values.size() == 1 && std::holds_alternative<OptionsValue>(values[0])) {
    given = std::get<OptionsValue>(values[0]);
  } else {
    for (size_t i = 0; i < values.size(); ++i)
      if (!take_argument(given, i, values[i]))
        given.unknown["#" + std::to_string(i)] =
            is_unknown(values[i]) ? std::get<Unknown>(values[i]).why : "not a value an option can have";
  }
  LayerOptions options = bind_options(rule, given.options);
  // To a rule, an option that is a module (TransformerEncoderOptions::norm) is
  // a bool: given or not. The rule then lists what it assumes that module
  // registers under the option's name, which must be what the module given
  // registers, or the entries would be wrong.
  for (const auto& [name, m] : given.modules) options[name] = true;
  // Options whose values are unknown, by name (a setter run later wins over a
  // positional argument). Many do not change what a layer registers (a conv's
  // padding or dilation): the rule runs without them, and again with each one
  // a fresh symbol; if both give the same entries, that one does not matter.
  struct Missing {
    std::string what, why;  // "option 'padding'" / "argument 1 ('in_features')", and why it is unknown
  };
  std::map<std::string, Missing> unknowns;
  for (const auto& [k, why] : given.unknown) {
    if (k[0] != '#') {
      unknowns[k] = Missing{"option '" + k + "'", why};
      continue;
    }
    size_t i = std::stoul(k.substr(1));
    std::string n = i < rule->positional.size() ? std::string(rule->positional[i]) : k;
    std::string what = "argument " + std::to_string(i + 1) + (n == k ? "" : " ('" + n + "')");
    if (!given.options.count(n)) unknowns.try_emplace(n, Missing{what, why});
  }
  for (const auto& [name, m] : unknowns) options.erase(name);
  auto entries = rule->entries(options);
  for (const auto& [name, missing] : unknowns) {
    LayerOptions probe = options;
    probe[name] = DimExpr::symbol("?" + name);
    auto other = rule->entries(probe);
    auto* a = std::get_if<std::vector<LayerEntry>>(&entries);
    auto* b = std::get_if<std::vector<LayerEntry>>(&other);
    if (a && b && same_entries(*a, *b)) continue;
    std::string why = missing.why.empty() ? "" : " (" + missing.why + ")";
    return unknown(where, missing.what + " of torch::nn::" + layer + " is not known statically" + why +
                              ", and what the layer registers depends on it");
  }
  if (auto* why = std::get_if<std::string>(&entries))
    return unknown(where, "cannot tell what torch::nn::" + layer + " registers: " + *why);
  for (const auto& [name, m] : given.modules) {
    std::vector<LayerEntry> assumed, actual;
    for (const LayerEntry& e : std::get<std::vector<LayerEntry>>(entries))
      if (e.name.rfind(name + ".", 0) == 0)
        assumed.push_back(LayerEntry{e.name.substr(name.size() + 1), e.kind, e.shape, e.dtype, {}, {}});
    for (EntryKind kind : {EntryKind::Parameter, EntryKind::Buffer}) collect_entries(*m, "", kind, actual);
    if (!same_entries(assumed, actual))
      return unknown(where, "the module given as option '" + name + "' of torch::nn::" + layer +
                                " registers other tensors than the rule for torch::nn::" + layer + " assumes");
  }
  // A rule's repeated groups (LSTM layers when num_layers is a symbol) get ids
  // and index names of their own.
  std::map<int, SpecRepeat> groups;
  for (const LayerEntry& e : std::get<std::vector<LayerEntry>>(entries)) {
    TensorRegistration t{e.name, e.kind, TensorValue{e.shape, e.dtype}, std::nullopt, e.condition, {}};
    for (const SpecRepeat& r : e.repeat) {
      auto [it, fresh] = groups.try_emplace(r.group, r);
      if (fresh) it->second.group = new_group_id(), it->second.index = fresh_index(r.index);
      if (size_t at = t.name.find("{" + r.index + "}"); at != std::string::npos)
        t.name.replace(at, r.index.size() + 2, "{" + it->second.index + "}");
      t.repeats.push_back(it->second);
    }
    module->tensors.push_back(std::move(t));
  }
  module->options = std::move(options);
  return module;
}

}  // namespace ckptcheck::analysis
