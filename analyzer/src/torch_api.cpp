// The LibTorch half of the constructor interpreter: what registrations,
// module methods and tensor factories mean (layers and their options are
// torch_layers.cpp, containers torch_containers.cpp). Calls are
// recognised by the qualified names of their declarations, which LibTorch's
// headers and meta LibTorch's (analyzer/meta) spell the same way.
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

namespace {

const std::string& registered_name(const std::pair<std::string, ModulePtr>& child) { return child.first; }
const std::string& registered_name(const TensorRegistration* tensor) { return tensor->name; }

// The names Module::register_module/_parameter/_buffer refuse, with the
// message of the c10::Error LibTorch throws there. `what` is "Submodule",
// "Parameter" or "Buffer". A name registered twice counts only on a path that
// runs unconditionally: the two sides of an `if` on a symbol may each register it.
template <typename Registered>
std::optional<std::string> name_refused(const std::string& what, const std::string& name, const Registered& registered,
                                        bool unconditional) {
  std::string thrown;
  if (name.empty())
    thrown = what + " name must not be empty";
  else if (name.find('.') != std::string::npos)
    thrown = what + " name must not contain a dot (got '" + name + "')";
  else if (unconditional &&
           std::any_of(registered.begin(), registered.end(), [&](const auto& r) { return registered_name(r) == name; }))
    thrown = what + " '" + name + "' already defined";
  else
    return std::nullopt;
  return thrown;
}

}  // namespace

Value Interpreter::registration_refused(const std::string& thrown, const CXXMemberCallExpr* c, const Frame& f) {
  // On a path that always runs the constructor throws here, as the running
  // engine reports; under a condition over symbols only for some arguments.
  if (f.condition.empty())
    throw InterpretationStopped("the constructor of '" + f.self->type + "' throws c10::Error: " + thrown + " (at " +
                                where(c) + ")");
  return unknown(c, "when " + f.condition + ", the constructor throws c10::Error here: " + thrown);
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
  if (auto refused = name_refused("Submodule", *n, f.self->children, f.condition.empty()))
    return registration_refused(*refused, c, f);
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
  std::vector<const TensorRegistration*> same_kind;
  for (const TensorRegistration& r : f.self->tensors)
    if (r.kind == kind && r.condition.empty()) same_kind.push_back(&r);
  if (auto refused =
          name_refused(kind == EntryKind::Parameter ? "Parameter" : "Buffer", *n, same_kind, f.condition.empty()))
    return registration_refused(*refused, c, f);
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
