// The LibTorch half of the constructor interpreter: what registrations, layer
// holders, options builders, containers and tensor factories mean. Calls are
// recognised by the qualified names of their declarations, which LibTorch's
// headers and the bundled declarations (analyzer/stubs) spell the same way.
#include <algorithm>

#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/Basic/Builtins.h>

#include "interpreter.h"

namespace ckptcheck::analysis {

using namespace clang;

namespace {

// torch's ScalarType spellings to dtype names: kFloat64, kDouble, ScalarType::Double.
std::optional<std::string> dtype_of(std::string_view n) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"Float", "float32"}, {"Float32", "float32"}, {"Double", "float64"}, {"Float64", "float64"},
      {"Half", "float16"}, {"Float16", "float16"}, {"BFloat16", "bfloat16"}, {"Long", "int64"},
      {"Int64", "int64"}, {"Int", "int32"}, {"Int32", "int32"}, {"Short", "int16"}, {"Int16", "int16"},
      {"Char", "int8"}, {"Int8", "int8"}, {"Byte", "uint8"}, {"UInt8", "uint8"}, {"Bool", "bool"},
      {"ComplexFloat", "complex64"}, {"ComplexDouble", "complex128"},
  };
  if (n.size() > 1 && n[0] == 'k') n.remove_prefix(1);
  for (auto [spelling, dtype] : kNames)
    if (spelling == n) return std::string(dtype);
  return std::nullopt;
}

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

// What iterating a container gives (what extend() and update() read): a
// ModuleList's or Sequential's modules, the (key, value) items of the others.
std::optional<std::vector<Value>> container_elements(const ModuleValue& m) {
  if (m.uncounted.constant() != 0) return std::nullopt;  // holds a repeated group: how many is a symbol
  std::vector<Value> out;
  const std::string& type = container_type(m);
  if (type == "torch::nn::ModuleList") {
    out.assign(m.list.begin(), m.list.end());
  } else if (type == "torch::nn::Sequential") {
    for (const auto& [name, child] : m.children) out.push_back(child);
  } else if (type == "torch::nn::ModuleDict") {
    for (const auto& [name, child] : m.children) out.push_back(ListValue{{name, child}});
  } else if (type == "torch::nn::ParameterList" || type == "torch::nn::ParameterDict") {
    for (const TensorRegistration& t : m.tensors) out.push_back(ListValue{{t.name, t.tensor}});
  } else {
    return std::nullopt;
  }
  return out;
}

}  // namespace

namespace {

// Module methods that list what a module holds: model code iterates them to
// initialise weights.
bool is_module_query(const std::string& name) {
  for (const char* q : {"modules", "named_modules", "children", "named_children", "parameters", "named_parameters",
                        "buffers", "named_buffers"})
    if (name == q) return true;
  return false;
}

// True when running `s` may register something: a registration or a
// container change, a call into the model's own code (which may do either) or
// through a pointer. Reading modules and initialising tensors registers nothing.
bool may_register(const Stmt* s) {
  if (!s) return false;
  if (auto* call = dyn_cast<CallExpr>(s)) {
    const FunctionDecl* fn = call->getDirectCallee();
    if (!fn || is_model_function(fn)) return true;
    if (auto* m = dyn_cast<CXXMethodDecl>(fn); m && in_torch(qualified_name(m->getParent()))) {
      std::string name = m->getNameAsString();
      if (qualified_name(m->getParent()) == "torch::nn::Module" && !is_module_query(name) && name != "as" &&
          name != "is_training" && name != "name")
        return true;
      for (const char* change : {"push_back", "append", "insert", "extend", "update", "pop", "clear"})
        if (name == change) return true;
    }
  }
  for (const Stmt* child : s->children())
    if (may_register(child)) return true;
  return false;
}

}  // namespace

// modules(), parameters(), ...: what the module holds so far is not followed
// (the result is Unknown). But the usual loop over it only initialises
// weights; when it is the range of a loop whose body cannot register
// anything, the loop is skipped like a loop over nothing, and what its body
// changes becomes unknown (reported when read).
Value Interpreter::module_query(const CXXMemberCallExpr* c, const std::string& name, Frame& f) {
  DynTypedNode node = DynTypedNode::create(*c);
  for (int up = 0; up < 8; ++up) {
    auto parents = ctx_.getParents(node);
    if (parents.empty()) break;
    node = parents[0];
    if (auto* loop = node.get<CXXForRangeStmt>()) {
      if (skip_implicit(loop->getRangeInit()) != c || may_register(loop->getBody())) break;
      forget_changes(loop->getBody(), f, "changed in a loop over " + name + "(), which is not run", true);
      return ListValue{};
    }
  }
  return Unknown{"Module::" + name + " is not evaluated"};
}

// The module and name of a registered tensor read as holder->name.
std::optional<std::pair<ModulePtr, std::string>> Interpreter::registered_tensor(const Expr* e, Frame& f) {
  e = skip_implicit(e);
  if (auto* wrap = dyn_cast<CXXConstructExpr>(e); wrap && wrap->getNumArgs() == 1)  // the bundled catch-all Arg
    e = skip_implicit(wrap->getArg(0));
  auto* m = dyn_cast<MemberExpr>(e);
  if (!m || isa<CXXThisExpr>(skip_implicit(m->getBase()))) return std::nullopt;
  Value base = eval(m->getBase(), f);
  auto* module = as_module(base);
  if (!module) return std::nullopt;
  for (const TensorRegistration& t : (*module)->tensors)
    if (t.name == m->getMemberDecl()->getName()) return std::make_pair(*module, t.name);
  return std::nullopt;
}

// decoder->weight.set_(embedding->weight): weight tying. The tied tensor
// takes the other's shape and dtype, and records whose storage it shares.
std::optional<Value> Interpreter::tie_tensors(const Expr* tied, const Expr* source, Frame& f) {
  auto to = registered_tensor(tied, f), from = registered_tensor(source, f);
  if (!to || !from) return std::nullopt;
  TensorValue shared;
  for (const TensorRegistration& t : from->first->tensors)
    if (t.name == from->second) shared = t.tensor;
  for (TensorRegistration& t : to->first->tensors)
    if (t.name == to->second) {
      t.tensor = shared;
      t.alias_module = from->first.get();
      t.alias_tensor = from->second;
    }
  return shared;
}

std::optional<Value> Interpreter::eval_torch_call(const Expr* e, Frame& f) {
  // A member of a LibTorch layer read through its holder: conv->weight is the
  // tensor the layer registered under that name, conv->options its options.
  if (auto* m = dyn_cast<MemberExpr>(e)) {
    auto* field = dyn_cast<FieldDecl>(m->getMemberDecl());
    if (!field || !in_torch(qualified_name(field->getParent())) || isa<CXXThisExpr>(skip_implicit(m->getBase())))
      return std::nullopt;
    Value base = eval(m->getBase(), f);
    if (auto* module = as_module(base)) {
      for (const TensorRegistration& t : (*module)->tensors)
        if (t.name == field->getName()) return t.tensor;
      if (field->getName() == "options" && (*module)->builtin)
        return OptionsValue{(*module)->type.substr(11), (*module)->options, {}, {}};
    }
    return Unknown{"member '" + field->getNameAsString() + "' of a LibTorch module is not followed"};
  }
  if (auto* c = dyn_cast<CXXConstructExpr>(e)) return eval_construction(c, f);
  if (auto* mc = dyn_cast<CXXMemberCallExpr>(e)) return eval_member_call(mc, f);
  if (auto* op = dyn_cast<CXXOperatorCallExpr>(e)) {
    OverloadedOperatorKind k = op->getOperator();
    if (k == OO_Equal && op->getNumArgs() == 2) {
      Value v = eval(op->getArg(1), f);
      assign(op->getArg(0), v, f);
      return v;
    }
    if ((k == OO_Arrow || k == OO_Star) && op->getNumArgs() == 1) return eval(op->getArg(0), f);
    if (op->getNumArgs() == 2 && (k == OO_Star || k == OO_Plus || k == OO_Minus || k == OO_Slash)) {
      // Tensor arithmetic with a scalar keeps the tensor's shape and dtype.
      Value l = eval(op->getArg(0), f), r = eval(op->getArg(1), f);
      if (std::holds_alternative<TensorValue>(l)) return l;
      if (std::holds_alternative<TensorValue>(r)) return r;
    }
    return std::nullopt;
  }
  if (auto* d = dyn_cast<DeclRefExpr>(e)) {
    const ValueDecl* decl = d->getDecl();
    std::string type = decl->getType().getUnqualifiedType().getCanonicalType().getAsString();
    if (type == "c10::ScalarType" || type == "enum c10::ScalarType")
      if (auto dt = dtype_of(decl->getName())) return DtypeValue{*dt};
    // torch::kReLU, torch::kSum, torch::kZeros: tag objects of torch::enumtype
    // types, passed to options such as nonlinearity or mode; their name is the value.
    if (type.find("torch::enumtype::") != std::string::npos) return std::string(decl->getName());
    return std::nullopt;
  }
  if (auto* call = dyn_cast<CallExpr>(e))
    if (const FunctionDecl* fn = call->getDirectCallee()) return eval_free_call(call, fn, f);
  return std::nullopt;
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
    return Unknown{.why = "cannot construct '" + qualified_name(impl) + "'", .diagnosed = true};  // construct() said why
  }
  std::string q = qualified_name(record);
  // The bundled declarations' catch-all parameter (analyzer/stubs) stands for
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
        o.unknown["#" + std::to_string(i)] = is_unknown(v) ? std::get<Unknown>(v).why : "not a value an option can have";
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
        if (const std::string* key = pair_key(item)) add_to_container(module, *key, pair_value(item), where);
        else dropped(item, where, "an item given to torch::nn::" + layer + " has no name");
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
      if (e.name.rfind(name + ".", 0) == 0) assumed.push_back(LayerEntry{e.name.substr(name.size() + 1), e.kind, e.shape, e.dtype, {}, {}});
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

// What containers' constructors and methods do, as LibTorch 1.13 defines them
// (torch/nn/modules/container/*.h).
Value Interpreter::container_call(const ModulePtr& c, const std::string& method, const std::vector<Value>& args,
                                  const Expr* where) {
  const std::string& type = container_type(*c);
  if ((method == "push_back" || method == "append") && args.size() == 1)
    return add_to_container(c, std::nullopt, args[0], where);
  if (method == "push_back" && args.size() == 2 && as_string(args[0]))  // Sequential::push_back(name, module)
    return add_to_container(c, *as_string(args[0]), args[1], where);
  if (method == "insert" && args.size() == 2) {
    if (type == "torch::nn::ModuleList") return insert_into_module_list(c, args[0], args[1], where);
    if (as_string(args[0])) return add_to_container(c, *as_string(args[0]), args[1], where);
  }
  if ((method == "extend" || method == "update") && args.size() == 1) {
    // extend() pushes back / appends each element (an item's value: ParameterList
    // appends OrderedDict items' tensors); update() sets each item's key.
    std::optional<std::vector<Value>> items = list_items(args[0]);
    if (auto* other = as_module(args[0])) items = container_elements(**other);
    if (!items) return dropped(args[0], where, type + "::" + method + " with this argument is not evaluated");
    for (const Value& item : *items) {
      const std::string* key = pair_key(item);
      const Value& value = key ? pair_value(item) : item;
      if (method == "extend") add_to_container(c, std::nullopt, value, where);
      else if (key) set_in_container(c, *key, value, where);
      else dropped(item, where, "an item given to " + type + "::update has no key");
    }
    return Value{c};
  }
  if (method == "pop" || method == "clear")
    return unknown(where, type + "::" + method + " is not evaluated; what the container holds after it may differ");
  return unknown(where, type + "::" + method + " with these arguments is not evaluated");
}

// push_back / append / a named insert: registers `item` under `name`, or under
// its position (ParameterList counts its parameters; Sequential and ModuleList
// their modules, which their children match).
Value Interpreter::add_to_container(const ModulePtr& container, std::optional<std::string> name, const Value& item,
                                    const Expr* where) {
  size_t physical = numbers_tensors(*container) ? container->tensors.size() : container->children.size();
  std::vector<SpecRepeat> outer = repeats_for(*container, !std::holds_alternative<TensorValue>(item));
  if (name)
    if (auto why = repeated_name_problem(*name, outer)) return unknown(where, *why);
  std::string n = name ? *name : number_item(container, physical);
  bool taken = false;  // register_module and register_parameter throw for a name they have
  if (as_module(item))
    for (const auto& child : container->children) taken |= child.first == n;
  if (std::holds_alternative<TensorValue>(item))
    for (const TensorRegistration& t : container->tensors) taken |= t.name == n;
  if (taken) return unknown(where, "'" + n + "' is already registered in " + container->type + " (LibTorch throws here)");
  if (!as_module(item) && !std::holds_alternative<TensorValue>(item)) {
    dropped(item, where, "an item added to " + container->type + " is not a module or tensor the analyzer knows");
    return Value{container};
  }
  note_addition(container, physical);
  if (auto* m = as_module(item)) {
    mark_registered(**m, "", outer);  // a container refuses additions under a condition (eval_member_call)
    container->children.emplace_back(n, *m);
    if (container_type(*container) == "torch::nn::ModuleList") container->list.push_back(*m);
  } else {
    container->tensors.push_back(
        TensorRegistration{n, EntryKind::Parameter, std::get<TensorValue>(item), location_of(where), "", outer,
                           source_text(where)});
  }
  return Value{container};
}

// update(): an existing key keeps its place and takes the new value
// (ModuleDict replace_module()s it; ParameterDict assigns it through
// operator[], which throws for a key it does not have); ModuleDict registers a
// new key at the end.
Value Interpreter::set_in_container(const ModulePtr& container, const std::string& name, const Value& item,
                                    const Expr* where) {
  if (auto* m = as_module(item))
    for (auto& child : container->children)
      if (child.first == name) {
        child.second = *m;
        return Value{container};
      }
  if (auto* t = std::get_if<TensorValue>(&item))
    for (TensorRegistration& r : container->tensors)
      if (r.name == name) {
        r.tensor = *t;
        r.location = location_of(where);
        return Value{container};
      }
  if (container_type(*container) == "torch::nn::ParameterDict" && !is_unknown(item))
    return unknown(where, "ParameterDict::update with the new key '" + name + "' (LibTorch throws here)");
  return add_to_container(container, name, item, where);
}

// ModuleList::insert(index, module) in LibTorch 1.13 (modulelist.h) inserts
// into its list, then replace_module()s the key "<index>" once per following
// module (always that same key, with the module now at `index`) and
// registers the list's last module under the next number. So the module that
// was at `index` loses its key and the last one has two: after push_back(a, b,
// c), insert(1, x) registers 0: a, 1: x, 2: c, 3: c. Mirrored as it is.
Value Interpreter::insert_into_module_list(const ModulePtr& list, const Value& index, const Value& item,
                                           const Expr* where) {
  if (list->uncounted.constant() != 0)
    return unknown(where, "ModuleList::insert after a loop that runs a symbolic number of times is not evaluated");
  auto* i = as_dim(index);
  std::optional<int64_t> k = i ? i->constant() : std::nullopt;
  if (!k) return dropped(index, where, "the position given to ModuleList::insert is not known statically");
  auto* m = as_module(item);
  if (!m) return dropped(item, where, "an item inserted into torch::nn::ModuleList is not a module the analyzer knows");
  if (*k < 0 || static_cast<size_t>(*k) > list->list.size())
    return unknown(where, "ModuleList::insert at " + std::to_string(*k) + ", past the end (LibTorch throws here)");
  if (static_cast<size_t>(*k) == list->list.size()) return add_to_container(list, std::nullopt, item, where);
  list->list.insert(list->list.begin() + *k, *m);
  for (auto& child : list->children)
    if (child.first == std::to_string(*k)) child.second = list->list[*k];
  std::string last = std::to_string(list->list.size() - 1);
  for (const auto& child : list->children)
    if (child.first == last) return unknown(where, "'" + last + "' is already registered in torch::nn::ModuleList (LibTorch throws here)");
  list->children.emplace_back(last, list->list.back());
  return Value{list};
}

Value Interpreter::register_module(const CXXMemberCallExpr* c, Frame& f) {
  if (c->getNumArgs() < 2) return unknown(c, "register_module without a module");
  Value name = eval(c->getArg(0), f);
  Value module = eval(c->getArg(1), f);
  const std::string* n = as_string(name);
  if (!n) return unknown(c, "the name given to register_module is not known statically");
  auto* m = as_module(module);
  if (!m) {
    if (std::holds_alternative<NullModule>(module))
      return unknown(c, "'" + *n + "' is registered while its holder is empty (nullptr)");
    return dropped(module, c, "the module registered as '" + *n + "' is not known");
  }
  std::vector<SpecRepeat> outer = repeats_for(*f.self, true);
  if (auto why = repeated_name_problem(*n, outer)) return unknown(c, *why);
  // Layers and containers record where they were registered; custom modules
  // already carry the locations of their own registrations.
  std::optional<Location> here = location_of(c);
  std::vector<ModuleValue*> pending = {m->get()};
  while (!pending.empty()) {
    ModuleValue* mod = pending.back();
    pending.pop_back();
    for (TensorRegistration& t : mod->tensors)
      if (!t.location) t.location = here;
    for (auto& [child_name, child] : mod->children)
      if (child->builtin) pending.push_back(child.get());
  }
  mark_registered(**m, f.condition, outer);
  f.self->children.emplace_back(*n, *m);
  return module;
}

Value Interpreter::dropped(const Value& v, const Stmt* where, const std::string& what) {
  auto* u = std::get_if<Unknown>(&v);
  if (u && u->diagnosed) return v;
  return unknown(where, what + (u && !u->why.empty() ? ": " + u->why : ""));
}

Value Interpreter::register_tensor(EntryKind kind, const CXXMemberCallExpr* c, Frame& f) {
  if (c->getNumArgs() < 2) return unknown(c, "registration without a tensor");
  Value name = eval(c->getArg(0), f);
  Value tensor = eval(c->getArg(1), f);
  const std::string* n = as_string(name);
  if (!n) return unknown(c, "the registered name is not known statically");
  auto* t = std::get_if<TensorValue>(&tensor);
  if (!t) return dropped(tensor, c, "the value registered as '" + *n + "' is not a tensor the analyzer knows");
  std::vector<SpecRepeat> outer = repeats_for(*f.self, false);
  if (auto why = repeated_name_problem(*n, outer)) return unknown(c, *why);
  f.self->tensors.push_back(
      TensorRegistration{*n, kind, *t, location_of(c), f.condition, std::move(outer), source_text(c->getArg(1))});
  return tensor;
}

// One short case per Module method model code calls (register_*, to, apply,
// named_*): a lookup table written as code, longer than ~80 lines on purpose.
std::optional<Value> Interpreter::eval_member_call(const CXXMemberCallExpr* c, Frame& f) {
  const CXXMethodDecl* method = c->getMethodDecl();
  if (!method) return std::nullopt;
  std::string name = method->getNameAsString();
  std::string cls = qualified_name(method->getParent());
  if (cls == "torch::nn::Module") {
    if (name == "register_module") return register_module(c, f);
    if (name == "register_parameter") return register_tensor(EntryKind::Parameter, c, f);
    if (name == "register_buffer") return register_tensor(EntryKind::Buffer, c, f);
    if (is_module_query(name)) return module_query(c, name, f);
    return Unknown{"Module::" + name + " is not evaluated"};
  }
  if (!in_torch(cls)) return std::nullopt;
  const Expr* object = c->getImplicitObjectArgument();
  // A LibTorch method called on the module being built (push_back in the
  // constructor of a class deriving from SequentialImpl).
  bool on_self = isa<CXXThisExpr>(skip_implicit(object)) && !f.object;
  Value self = on_self ? Value{f.self} : eval(object, f);
  std::vector<const Expr*> args(c->arg_begin(), c->arg_end());
  if (auto* o = std::get_if<OptionsValue>(&self)) {
    if (args.size() != 1) {
      // A getter reads the option by name, also one given positionally
      // (Conv2dOptions(in, out, 3).out_channels()).
      LayerOptions bound = bind_options(find_layer_rule(o->layer), o->options);
      if (auto it = bound.find(name); args.empty() && it != bound.end() && !o->unknown.count(name))
        return std::visit([](auto&& x) -> Value { return x; }, it->second);
      return Unknown{"options getter '" + name + "' is not evaluated"};
    }
    OptionsValue updated = *o;
    Value v = eval(args[0], f);
    updated.unknown.erase(name);
    if (auto option = to_option(v)) {
      updated.options[name] = *option;
    } else if (auto* m = as_module(v)) {
      updated.modules[name] = *m;  // TransformerEncoderOptions::norm
    } else {
      // Whether it matters is up to the layer these options build (make_layer).
      updated.options.erase(name);
      updated.unknown[name] = is_unknown(v) ? std::get<Unknown>(v).why : "a value known only at run time";
    }
    write_back(object, updated, f);
    return updated;
  }
  if (auto* d = std::get_if<DtypeValue>(&self)) {
    if (name == "dtype" && args.size() == 1) return eval(args[0], f);
    return *d;  // device(), requires_grad(), layout() keep the dtype
  }
  if (auto* t = std::get_if<TensorValue>(&self)) {
    TensorValue out = *t;
    std::vector<const Expr*> written;  // the bundled declarations pad calls with defaulted catch-alls
    for (const Expr* a : args)
      if (!isa<CXXDefaultArgExpr>(a)) written.push_back(a);
    if (name == "set_" && written.size() == 1)
      if (auto tied = tie_tensors(object, written[0], f)) return *tied;
    if (name == "to") {
      for (const Expr* a : args) {
        Value v = eval(a, f);
        if (auto* dt = std::get_if<DtypeValue>(&v)) out.dtype = dt->dtype;
      }
      return out;
    }
    if (auto v = tensor_method(*t, name, args, c, f)) return *v;
    return unknown(c, "Tensor::" + name + " is not evaluated");
  }
  // A holder's own questions: is_empty(), bool(holder), ptr(), get().
  if (std::holds_alternative<NullModule>(self) && (name == "is_empty" || name == "operator bool"))
    return name == "is_empty";
  if (auto* m = as_module(self); m && cls == "torch::nn::ModuleHolder") {
    if (name == "is_empty" || name == "operator bool") return name == "operator bool";
    if (name == "ptr" || name == "get") return self;
  }
  if (auto* m = as_module(self)) {
    // A class of the model's own deriving from a LibTorch container behaves as that container.
    if (std::string base = builtin_layer_name(method->getParent()); !(*m)->builtin && is_container(base))
      (*m)->container = "torch::nn::" + base;
    const std::string& type = container_type(**m);
    // Only the methods that change what a container registers are evaluated.
    bool changes = name == "push_back" || name == "append" || name == "insert" || name == "extend" ||
                   name == "update" || name == "pop" || name == "clear";
    if (changes && type.rfind("torch::nn::", 0) == 0 && is_container(type.substr(11))) {
      if (!f.condition.empty())  // the positions after it would depend on the condition
        return unknown(c, type + "::" + name + " under the condition '" + f.condition + "' is not evaluated");
      std::vector<Value> values;
      for (const Expr* a : args) values.push_back(eval(a, f));
      return container_call(*m, name, values, c);
    }
    return Unknown{type + "::" + name + " is not evaluated"};
  }
  if (auto* list = std::get_if<ListValue>(&self); list && cls == "torch::OrderedDict") {
    // OrderedDict::insert(key, value) adds an item; a key it has already throws.
    if (name != "insert" || args.size() != 2) return unknown(c, "OrderedDict::" + name + " is not evaluated");
    Value key = eval(args[0], f), value = eval(args[1], f);
    if (!as_string(key)) return dropped(key, c, "the key given to OrderedDict::insert is not known statically");
    for (const Value& item : list->items)
      if (const std::string* k = pair_key(item); k && *k == *as_string(key))
        return unknown(c, "OrderedDict::insert of the key '" + *k + "' it already has (LibTorch throws here)");
    ListValue updated = *list;
    updated.items.push_back(ListValue{{key, value}});
    write_back(object, updated, f);
    return value;
  }
  return std::nullopt;
}

std::optional<Value> Interpreter::eval_free_call(const CallExpr* c, const FunctionDecl* fn, Frame& f) {
  std::string q = qualified_name(fn);
  std::vector<const Expr*> args(c->arg_begin(), c->arg_end());
  if (q == "std::make_shared" || q == "std::__1::make_shared") {
    const TemplateArgumentList* targs = fn->getTemplateSpecializationArgs();
    if (!targs || targs->size() < 1) return std::nullopt;
    const CXXRecordDecl* cls = targs->get(0).getAsType()->getAsCXXRecordDecl();
    if (cls && !cls->hasDefinition()) instantiate(cls);  // make_shared<ResNetImpl<Bottleneck>>: never completed
    if (!cls || !is_module_class(cls)) return std::nullopt;
    std::vector<Value> values;
    for (const Expr* a : args) values.push_back(eval(a, f));
    if (std::string layer = builtin_layer_name(cls); !layer.empty()) return make_layer(layer, values, args, f, c);
    if (ModulePtr m = construct(cls, values, c, f.depth + 1)) return Value{m};
    return Unknown{.why = "cannot construct '" + qualified_name(cls) + "'", .diagnosed = true};  // construct() said why
  }
  // LibTorch's TORCH_CHECK tests C10_UNLIKELY(!(cond)), __builtin_expect(!(cond), 0): its value is the condition's.
  if (fn->getBuiltinID() == Builtin::BI__builtin_expect && !args.empty()) return eval(args[0], f);
  if (!in_torch(q)) return std::nullopt;
  std::string name = fn->getNameAsString();
  // TORCH_CHECK's failure. On a path the analysis follows for certain, the
  // constructor throws here; under a condition over symbols it only says
  // which arguments the model accepts, nothing to report.
  if (q == "c10::detail::torchCheckFail" || q == "c10::detail::torchInternalAssertFail") {
    if (!f.condition.empty()) return Unknown{.why = "a failed TORCH_CHECK", .diagnosed = true};
    return unknown(c, "a TORCH_CHECK fails here: the constructor throws with these arguments");
  }
  // torch::nn::init functions fill a tensor in place and return it.
  if (q.rfind("torch::nn::init::", 0) == 0 && name.back() == '_' && !args.empty()) return eval(args[0], f);
  return tensor_function(c, fn, name, args, f);
}

}  // namespace ckptcheck::analysis
