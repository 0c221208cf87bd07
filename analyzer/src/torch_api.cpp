// The LibTorch half of the constructor interpreter: what registrations, layer
// holders, options builders, containers and tensor factories mean. Calls are
// recognised by the qualified names of their declarations, which LibTorch's
// headers and the bundled declarations (analyzer/stubs) spell the same way.
#include <clang/AST/DeclTemplate.h>

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

bool in_torch(const std::string& q) {
  return q.rfind("torch::", 0) == 0 || q.rfind("at::", 0) == 0 || q.rfind("c10::", 0) == 0;
}

// "torch::nn::Conv2dOptions" (as written, typedefs kept) -> "Conv2d".
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

// {{"name", module}, ...}: the items of an initializer list of pairs or NamedAnyModules.
std::vector<std::pair<const Expr*, const Expr*>> named_items(const Expr* e) {
  std::vector<std::pair<const Expr*, const Expr*>> out;
  e = skip_implicit(e);
  if (auto* c = dyn_cast<CXXConstructExpr>(e); c && c->getNumArgs() == 1) e = skip_implicit(c->getArg(0));
  if (auto* il = dyn_cast<CXXStdInitializerListExpr>(e)) e = skip_implicit(il->getSubExpr());
  auto* list = dyn_cast<InitListExpr>(e);
  if (!list) return out;
  for (const Expr* item : list->inits()) {
    item = skip_implicit(item);
    if (auto* c = dyn_cast<CXXConstructExpr>(item); c && c->getNumArgs() == 2)
      out.emplace_back(c->getArg(0), c->getArg(1));
    else if (auto* pair = dyn_cast<InitListExpr>(item); pair && pair->getNumInits() == 2)
      out.emplace_back(pair->getInit(0), pair->getInit(1));
  }
  return out;
}

}  // namespace

std::optional<Value> Interpreter::eval_torch_call(const Expr* e, Frame& f) {
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
    if (is_container(layer) && args.size() == 1 && !named_items(args[0]).empty())
      return make_layer(layer, {}, args, f, c);
    if (layer == "Functional") {  // wraps a function (torch::relu): owns nothing, still takes a place
      auto module = std::make_shared<ModuleValue>();
      module->type = "torch::nn::Functional";
      module->builtin = true;
      module->location = location_of(c);
      return Value{module};
    }
    std::vector<Value> values;
    for (const Expr* a : args) values.push_back(eval(a, f));
    // A holder made from nullptr is empty; one made from another holder or a
    // shared_ptr is that same module.
    if (values.size() == 1 && (std::holds_alternative<NullModule>(values[0]) || as_module(values[0])))
      return values[0];
    if (!layer.empty()) return make_layer(layer, values, args, f, c);
    if (ModulePtr m = construct(impl, values, c, f.depth + 1)) return Value{m};
    return Unknown{"cannot construct '" + qualified_name(impl) + "'"};
  }
  std::string q = qualified_name(record);
  if (is_module_class(record) && !in_torch(q)) {
    std::vector<Value> values;
    for (const Expr* a : args) values.push_back(eval(a, f));
    return Value{run_constructor(c->getConstructor(), values, {}, false, f.depth + 1)};
  }
  if (q.rfind("torch::nn::", 0) == 0 && q.size() > 7 && q.compare(q.size() - 7, 7, "Options") == 0) {
    // Positional arguments are kept as "#0", "#1", ... until the layer that takes
    // these options says which option each one is.
    OptionsValue o{options_layer(c->getType()), {}};
    for (size_t i = 0; i < args.size(); ++i)
      if (auto v = to_option(eval(args[i], f))) o.options["#" + std::to_string(i)] = *v;
    return o;
  }
  if (q == "c10::TensorOptions" && args.empty()) return DtypeValue{"float32"};
  if (q == "c10::ArrayRef" && args.empty()) return std::vector<DimExpr>{};  // torch::zeros({}): a 0-dim tensor
  return std::nullopt;
}

Value Interpreter::make_layer(const std::string& layer, const std::vector<Value>& values,
                              const std::vector<const Expr*>& args, Frame& f, const Expr* where) {
  auto module = std::make_shared<ModuleValue>();
  module->type = "torch::nn::" + layer;
  module->builtin = true;
  module->location = location_of(where);
  if (is_container(layer)) {
    auto items = args.size() == 1 ? named_items(args[0]) : decltype(named_items(nullptr)){};
    if (!items.empty()) {
      for (auto [name, item] : items) {
        Value n = eval(name, f);
        add_to_container(module, as_string(n) ? std::optional<std::string>(*as_string(n)) : std::nullopt,
                         eval(item, f), where);
      }
    } else {
      for (const Value& v : values) add_to_container(module, std::nullopt, v, where);
    }
    return module;
  }
  const LayerRule* rule = find_layer_rule(layer);
  if (!rule) return unknown(where, "no rule says what 'torch::nn::" + layer + "' registers");
  LayerOptions options;
  std::vector<OptionValue> positional;
  if (values.size() == 1 && std::holds_alternative<OptionsValue>(values[0])) {
    for (auto& [k, v] : std::get<OptionsValue>(values[0]).options) {
      if (k[0] == '#') positional.push_back(v);
      else options[k] = v;
    }
  } else {
    for (size_t i = 0; i < values.size(); ++i) {
      auto o = to_option(values[i]);
      if (!o) {
        if (is_unknown(values[i])) return values[i];  // reported where it became unknown
        return unknown(i < args.size() ? args[i] : where,
                       "argument " + std::to_string(i + 1) + " of torch::nn::" + layer + " is not known statically");
      }
      positional.push_back(*o);
    }
  }
  options = bind_positional(*rule, positional, options);
  auto entries = rule->entries(options);
  if (auto* why = std::get_if<std::string>(&entries))
    return unknown(where, "cannot tell what torch::nn::" + layer + " registers: " + *why);
  for (const LayerEntry& e : std::get<std::vector<LayerEntry>>(entries))
    module->tensors.push_back(TensorRegistration{e.name, e.kind, TensorValue{e.shape, e.dtype}, std::nullopt});
  return module;
}

Value Interpreter::add_to_container(const ModulePtr& container, std::optional<std::string> name, const Value& item,
                                    const Expr* where) {
  std::string n = name ? *name
                : container->type == "torch::nn::ParameterList" ? std::to_string(container->tensors.size())
                                                                : std::to_string(container->children.size());
  if (auto* m = as_module(item)) {
    container->children.emplace_back(n, *m);
  } else if (auto* t = std::get_if<TensorValue>(&item)) {
    container->tensors.push_back(TensorRegistration{n, EntryKind::Parameter, *t, location_of(where)});
  } else if (!is_unknown(item)) {
    return unknown(where, "an item added to " + container->type + " is not a module");
  }
  return Value{container};
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
    return module;  // already reported where it became unknown
  }
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
  f.self->children.emplace_back(*n, *m);
  return module;
}

Value Interpreter::register_tensor(EntryKind kind, const CXXMemberCallExpr* c, Frame& f) {
  if (c->getNumArgs() < 2) return unknown(c, "registration without a tensor");
  Value name = eval(c->getArg(0), f);
  Value tensor = eval(c->getArg(1), f);
  const std::string* n = as_string(name);
  if (!n) return unknown(c, "the registered name is not known statically");
  auto* t = std::get_if<TensorValue>(&tensor);
  if (!t) {
    if (!is_unknown(tensor)) return unknown(c, "the value registered as '" + *n + "' is not a tensor the analyzer knows");
    return tensor;
  }
  f.self->tensors.push_back(TensorRegistration{*n, kind, *t, location_of(c)});
  return tensor;
}

std::optional<Value> Interpreter::eval_member_call(const CXXMemberCallExpr* c, Frame& f) {
  const CXXMethodDecl* method = c->getMethodDecl();
  if (!method) return std::nullopt;
  std::string name = method->getNameAsString();
  std::string cls = qualified_name(method->getParent());
  if (cls == "torch::nn::Module") {
    if (name == "register_module") return register_module(c, f);
    if (name == "register_parameter") return register_tensor(EntryKind::Parameter, c, f);
    if (name == "register_buffer") return register_tensor(EntryKind::Buffer, c, f);
    return Unknown{"Module::" + name + " is not evaluated"};
  }
  if (!in_torch(cls)) return std::nullopt;
  const Expr* object = c->getImplicitObjectArgument();
  Value self = eval(object, f);
  std::vector<const Expr*> args(c->arg_begin(), c->arg_end());
  if (auto* o = std::get_if<OptionsValue>(&self)) {
    if (args.size() != 1) {
      if (args.empty() && o->options.count(name)) {
        OptionValue v = o->options.at(name);
        return std::visit([](auto&& x) -> Value { return x; }, v);
      }
      return Unknown{"options getter '" + name + "' is not evaluated"};
    }
    OptionsValue updated = *o;
    if (auto v = to_option(eval(args[0], f))) updated.options[name] = *v;
    else return unknown(c, "option '" + name + "' is set to a value known only at run time");
    // Setters return the object itself: opts.a(1).b(2); changes the variable at
    // the root of the chain.
    const Expr* root = skip_implicit(object);
    while (auto* inner = dyn_cast<CXXMemberCallExpr>(root)) root = skip_implicit(inner->getImplicitObjectArgument());
    assign(root, updated, f);
    return updated;
  }
  if (auto* d = std::get_if<DtypeValue>(&self)) {
    if (name == "dtype" && args.size() == 1) return eval(args[0], f);
    return *d;  // device(), requires_grad(), layout() keep the dtype
  }
  if (auto* t = std::get_if<TensorValue>(&self)) {
    TensorValue out = *t;
    if (name == "to") {
      for (const Expr* a : args) {
        Value v = eval(a, f);
        if (auto* dt = std::get_if<DtypeValue>(&v)) out.dtype = dt->dtype;
      }
      return out;
    }
    if (name == "view" || name == "reshape") {
      if (args.size() == 1)
        if (auto v = eval(args[0], f); std::holds_alternative<std::vector<DimExpr>>(v))
          return TensorValue{std::get<std::vector<DimExpr>>(v), t->dtype};
      return unknown(c, "the shape after '" + name + "' is not evaluated");
    }
    static const char* kSameShape[] = {"set_requires_grad", "requires_grad_", "detach", "detach_", "clone",
                                       "contiguous", "fill_", "zero_", "normal_", "uniform_", "mul", "mul_",
                                       "div", "div_", "add", "add_", "sub", "sub_", "neg", "abs", "exp", "log",
                                       "sqrt", "clamp", "clamp_", "bernoulli_", "exponential_", "cpu"};
    for (const char* s : kSameShape)
      if (name == s) return out;
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
    const std::string& type = (*m)->type;
    if (type == "torch::nn::Sequential" || type == "torch::nn::ModuleList" || type == "torch::nn::ModuleDict" ||
        type == "torch::nn::ParameterList" || type == "torch::nn::ParameterDict") {
      if ((name == "push_back" || name == "append") && args.size() == 1) return add_to_container(*m, std::nullopt, eval(args[0], f), c);
      if ((name == "push_back" || name == "insert" || name == "update") && args.size() == 2) {
        Value key = eval(args[0], f);
        if (auto* s = as_string(key)) return add_to_container(*m, *s, eval(args[1], f), c);
        if (name == "insert") return unknown(c, "ModuleList::insert renumbers entries; not evaluated yet");
      }
      if (name == "extend" && args.size() == 1) {
        Value other = eval(args[0], f);
        if (auto* o = as_module(other)) {
          for (auto& [n, child] : (*o)->children) add_to_container(*m, std::nullopt, Value{child}, c);
          return self;
        }
        if (!is_unknown(other)) return unknown(c, type + "::extend with this argument is not evaluated yet");
        return other;
      }
    }
    return Unknown{type + "::" + name + " is not evaluated"};
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
    if (!cls || !is_module_class(cls)) return std::nullopt;
    std::vector<Value> values;
    for (const Expr* a : args) values.push_back(eval(a, f));
    if (std::string layer = builtin_layer_name(cls); !layer.empty()) return make_layer(layer, values, args, f, c);
    if (ModulePtr m = construct(cls, values, c, f.depth + 1)) return Value{m};
    return Unknown{"cannot construct '" + qualified_name(cls) + "'"};
  }
  if (!in_torch(q)) return std::nullopt;
  std::string name = fn->getNameAsString();
  if (name == "dtype" && args.size() == 1) return eval(args[0], f);
  if (name == "arange" || name == "linspace" || name == "logspace") {
    // arange(end) / arange(start, end[, step]): integers give int64 unless a dtype
    // says otherwise; linspace/logspace(start, end, steps) give `steps` floats.
    std::vector<DimExpr> ints;
    bool floats = false, dtype_given = false;
    TensorValue t;
    for (const Expr* a : args) {
      if (isa<CXXDefaultArgExpr>(a)) continue;  // the default TensorOptions{} names no dtype
      Value v = eval(a, f);
      if (auto* d = as_dim(v)) ints.push_back(*d);
      else if (std::holds_alternative<double>(v)) floats = true;
      else if (auto* dt = std::get_if<DtypeValue>(&v)) t.dtype = dt->dtype, dtype_given = true;
    }
    if (name != "arange") {
      if (args.size() < 3 || !as_dim(eval(args[2], f))) return unknown(c, "the steps of torch::" + name + " are not known");
      t.shape = {*as_dim(eval(args[2], f))};
      return t;
    }
    if (floats) return unknown(c, "torch::arange over floating-point bounds is not evaluated");
    if (!dtype_given) t.dtype = "int64";
    if (ints.size() == 1) t.shape = {ints[0]};
    else if (ints.size() == 2) t.shape = {ints[1] - ints[0]};
    else if (ints.size() == 3) t.shape = {(ints[1] - ints[0] + ints[2] - 1) / ints[2]};
    else return unknown(c, "torch::arange with these arguments is not evaluated");
    return t;
  }
  static const char* kSized[] = {"zeros", "ones", "empty", "rand", "randn", "full", "randint", "empty_strided"};
  bool sized = false;
  for (const char* s : kSized) sized |= name == s;
  if (sized || name == "eye") {
    TensorValue t;
    if (name == "randint") t.dtype = "int64";
    bool have_shape = false;
    std::vector<Value> values;
    for (const Expr* a : args) values.push_back(eval(a, f));
    for (const Value& v : values) {
      if (auto* dt = std::get_if<DtypeValue>(&v)) t.dtype = dt->dtype;
      if (sized && !have_shape && std::holds_alternative<std::vector<DimExpr>>(v)) {
        t.shape = std::get<std::vector<DimExpr>>(v);
        have_shape = true;
      }
    }
    if (name == "eye" && !values.empty() && as_dim(values[0])) {
      const DimExpr* m = values.size() > 1 ? as_dim(values[1]) : nullptr;
      t.shape = {*as_dim(values[0]), m ? *m : *as_dim(values[0])};
      have_shape = true;
    }
    if (!have_shape) return unknown(c, "the size given to torch::" + name + " is not known statically");
    return t;
  }
  return std::nullopt;
}

}  // namespace ckptcheck::analysis
