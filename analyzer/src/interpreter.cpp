// The generic half of the constructor interpreter: C++ expressions and
// statements, parameters, members, locals, calls into the model's own code,
// objects of its own classes, and std::vector / std::pair values.
#include "interpreter.h"

#include <algorithm>
#include <filesystem>

#include <clang/AST/Decl.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>

namespace ckptcheck::analysis {

using namespace clang;

namespace {

constexpr int kMaxCallDepth = 32;
constexpr int kMaxLoopTrips = 10000;  // per loop; more is a runtime-sized loop in disguise

DimExpr::Op comparison(BinaryOperatorKind op) {
  switch (op) {
    case BO_LT: return DimExpr::Op::Lt;
    case BO_GT: return DimExpr::Op::Gt;
    case BO_LE: return DimExpr::Op::Le;
    case BO_GE: return DimExpr::Op::Ge;
    case BO_EQ: return DimExpr::Op::Eq;
    default: return DimExpr::Op::Ne;
  }
}

// Arithmetic and comparisons where a side is a double (C++ converts the other side).
std::optional<Value> arithmetic_on_doubles(BinaryOperatorKind op, const Value& l, const Value& r) {
  if (!std::holds_alternative<double>(l) && !std::holds_alternative<double>(r)) return std::nullopt;
  std::optional<double> a = as_number(l), b = as_number(r);
  if (!a || !b) return std::nullopt;
  switch (op) {
    case BO_Add: return Value{*a + *b};
    case BO_Sub: return Value{*a - *b};
    case BO_Mul: return Value{*a * *b};
    case BO_Div: if (*b != 0) return Value{*a / *b}; break;
    case BO_LT: return Value{*a < *b};
    case BO_GT: return Value{*a > *b};
    case BO_LE: return Value{*a <= *b};
    case BO_GE: return Value{*a >= *b};
    case BO_EQ: return Value{*a == *b};
    case BO_NE: return Value{*a != *b};
    default: break;
  }
  return std::nullopt;
}

}  // namespace

const Expr* default_argument(const ParmVarDecl* p) {
  // A template's member instantiated late has its default arguments still as
  // written in the template.
  if (p->hasUninstantiatedDefaultArg()) return p->getUninstantiatedDefaultArg();
  return p->getDefaultArg();
}

// Conversions that change a number's value or kind (2.5 -> 2, 3 -> 3.0, n -> bool).
static bool is_numeric_conversion(const Expr* e) {
  auto* cast = dyn_cast<CastExpr>(e);
  if (!cast) return false;
  switch (cast->getCastKind()) {
    case CK_FloatingToIntegral: case CK_IntegralToFloating: case CK_IntegralToBoolean: case CK_FloatingToBoolean:
      return true;
    default:
      return false;
  }
}

const Expr* skip_implicit(const Expr* e) {
  while (e) {
    e = e->IgnoreParens();
    if (is_numeric_conversion(e)) break;  // changes the value: eval() does it
    if (auto* c = dyn_cast<ExprWithCleanups>(e)) e = c->getSubExpr();
    else if (auto* m = dyn_cast<MaterializeTemporaryExpr>(e)) e = m->getSubExpr();
    else if (auto* b = dyn_cast<CXXBindTemporaryExpr>(e)) e = b->getSubExpr();
    else if (auto* i = dyn_cast<ImplicitCastExpr>(e)) e = i->getSubExpr();
    else if (auto* k = dyn_cast<ConstantExpr>(e)) e = k->getSubExpr();
    else if (auto* d = dyn_cast<CXXDefaultArgExpr>(e)) e = d->getExpr();
    else if (auto* d2 = dyn_cast<CXXDefaultInitExpr>(e)) e = d2->getExpr();
    else if (auto* f = dyn_cast<CXXFunctionalCastExpr>(e); f && !isa<CXXConstructExpr>(f->getSubExpr()->IgnoreImplicit()))
      e = f->getSubExpr();
    else if (auto* f2 = dyn_cast<CXXFunctionalCastExpr>(e)) e = f2->getSubExpr();
    else if (auto* s = dyn_cast<CStyleCastExpr>(e)) e = s->getSubExpr();
    else if (auto* s2 = dyn_cast<CXXStaticCastExpr>(e)) e = s2->getSubExpr();
    else break;
  }
  return e;
}

std::string qualified_name(const NamedDecl* d) {
  if (!d) return {};
  std::string s;
  llvm::raw_string_ostream os(s);
  PrintingPolicy policy(d->getASTContext().getLangOpts());
  policy.SuppressTemplateArgsInCXXConstructors = true;
  d->printQualifiedName(os, policy);
  return os.str();
}

bool in_torch(const std::string& q) {
  return q.rfind("torch::", 0) == 0 || q.rfind("at::", 0) == 0 || q.rfind("c10::", 0) == 0;
}

bool is_model_function(const FunctionDecl* fn) {
  return fn && !fn->isInStdNamespace() &&
         !fn->getASTContext().getSourceManager().isInSystemHeader(fn->getLocation()) &&
         !in_torch(qualified_name(fn));
}

bool is_module_class(const CXXRecordDecl* cls) {
  if (!cls || !cls->hasDefinition()) return false;
  cls = cls->getDefinition();
  if (qualified_name(cls) == "torch::nn::Module") return true;
  for (const CXXBaseSpecifier& base : cls->bases())
    if (is_module_class(base.getType()->getAsCXXRecordDecl())) return true;
  return false;
}

const CXXRecordDecl* holder_impl(const CXXRecordDecl* cls) {
  if (!cls) return nullptr;
  if (auto* spec = dyn_cast<ClassTemplateSpecializationDecl>(cls);
      spec && qualified_name(spec) == "torch::nn::ModuleHolder" && spec->getTemplateArgs().size() == 1)
    return spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
  if (!cls->hasDefinition()) return nullptr;
  for (const CXXBaseSpecifier& base : cls->getDefinition()->bases())
    if (auto* impl = holder_impl(base.getType()->getAsCXXRecordDecl())) return impl;
  return nullptr;
}

std::string builtin_layer_name(const CXXRecordDecl* impl) {
  if (!impl) return {};
  std::string q = qualified_name(impl);
  constexpr std::string_view kNs = "torch::nn::";
  if (q.rfind(kNs, 0) != 0 || q.find("::", kNs.size()) != std::string::npos) return {};
  std::string name = q.substr(kNs.size());
  if (name.size() > 4 && name.compare(name.size() - 4, 4, "Impl") == 0) name.resize(name.size() - 4);
  return name;
}

std::optional<OptionValue> to_option(const Value& v) {
  if (auto* d = std::get_if<DimExpr>(&v)) return *d;
  if (auto* b = std::get_if<bool>(&v)) return *b;
  if (auto* l = std::get_if<std::vector<DimExpr>>(&v)) return *l;
  if (auto* x = std::get_if<double>(&v)) return *x;
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  return std::nullopt;
}

std::optional<Location> location_at(const SourceManager& sm, SourceLocation loc) {
  PresumedLoc p = sm.getPresumedLoc(sm.getExpansionLoc(loc));
  if (p.isInvalid()) return std::nullopt;
  std::string file = p.getFilename();
  std::error_code ec;
  auto rel = std::filesystem::relative(file, std::filesystem::current_path(), ec);
  if (!ec && !rel.empty() && rel.native().rfind("..", 0) != 0) file = rel.string();
  return Location{file, static_cast<int>(p.getLine()), static_cast<int>(p.getColumn())};
}

std::optional<Location> Interpreter::location_of(const Stmt* s) const {
  return s ? location_at(ctx_.getSourceManager(), s->getBeginLoc()) : std::nullopt;
}

std::string Interpreter::source_text(const Stmt* s) const {
  if (!s) return {};
  const SourceManager& sm = ctx_.getSourceManager();
  CharSourceRange range = sm.getExpansionRange(s->getSourceRange());
  std::string text = Lexer::getSourceText(range, sm, ctx_.getLangOpts()).str();
  std::string folded;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (folded.empty() || folded.back() == ' ')) continue;
    folded += space ? ' ' : c;
  }
  constexpr size_t kLongest = 160;
  if (folded.size() > kLongest) folded = folded.substr(0, kLongest - 3) + "...";
  return folded;
}

std::optional<Location> Interpreter::location_of(const Decl* d) const {
  return d ? location_at(ctx_.getSourceManager(), d->getLocation()) : std::nullopt;
}

Value Interpreter::unknown(const Stmt* where, std::string why) {
  diagnostics_.push_back(make_diagnostic(RuleId::AnalysisIncomplete, why, location_of(where)));
  return Unknown{.why = std::move(why), .diagnosed = true};
}

Value Interpreter::read(Value& stored, const Expr* where) {
  if (auto* u = std::get_if<Unknown>(&stored); u && u->report_on_read) {
    u->report_on_read = false;
    return unknown(where, u->why);
  }
  return stored;
}

ModulePtr Interpreter::construct(const CXXRecordDecl* cls, const std::vector<Value>& args, const Expr* where,
                                 int depth) {
  if (cls && !cls->hasDefinition() && instantiate_) instantiate_(cls);  // a class template's instance
  if (!cls || !cls->hasDefinition()) {
    unknown(where, "the definition of '" + qualified_name(cls) + "' is not in the analysed files");
    return nullptr;
  }
  cls = cls->getDefinition();
  const CXXConstructorDecl* chosen = nullptr;
  for (const CXXConstructorDecl* ctor : cls->ctors()) {
    if (ctor->isCopyOrMoveConstructor() || ctor->isDeleted()) continue;
    if (args.size() < ctor->getMinRequiredArguments() || args.size() > ctor->getNumParams()) continue;
    if (!chosen || ctor->hasBody()) chosen = ctor;
  }
  if (!chosen) {
    unknown(where, "no constructor of '" + qualified_name(cls) + "' takes " + std::to_string(args.size()) + " arguments");
    return nullptr;
  }
  return run_constructor(chosen, args, {}, false, depth);
}

ModulePtr Interpreter::run_constructor(const CXXConstructorDecl* ctor, const std::vector<Value>& args,
                                       const std::map<std::string, Value>& named, bool symbols_for_rest,
                                       int depth) {
  const CXXRecordDecl* cls = ctor->getParent();
  auto self = std::make_shared<ModuleValue>();
  self->type = qualified_name(cls);
  self->location = location_of(cls);
  if (depth > kMaxCallDepth) {
    unknown(ctor->getBody(), "constructors nest deeper than " + std::to_string(kMaxCallDepth) + " levels");
    return self;
  }
  // Use the definition that has the body (a header may only declare it).
  if (const FunctionDecl* def = definition(ctor)) {
    ctor = cast<CXXConstructorDecl>(def);
  } else if (!ctor->isDefaulted()) {
    // Declared only: what it registers is unknown, which must not read as "nothing".
    diagnostics_.push_back(make_diagnostic(RuleId::AnalysisIncomplete,
        "the constructor of '" + self->type + "' is declared here but not defined in the analysed files; "
        "give the source file that defines it too", location_of(ctor)));
  }

  std::map<const FieldDecl*, Value> fields;
  Frame f{self, {}, &fields, std::nullopt, depth};
  f.dynamic = cls;
  for (unsigned i = 0; i < ctor->getNumParams(); ++i) {
    const ParmVarDecl* p = ctor->getParamDecl(i);
    std::string name = p->getNameAsString();
    bool integer = p->getType()->isIntegerType() && !p->getType()->isBooleanType();
    bool defaulted = symbols_for_rest && p->hasDefaultArg() && i >= args.size() && !named.count(name);
    if (i < args.size()) {
      f.vars[p] = args[i];
    } else if (auto it = named.find(name); it != named.end()) {
      f.vars[p] = as_struct_argument(p->getType(), it->second, f);
    } else if (p->hasDefaultArg() && !(defaulted && integer && symbolic_defaults_)) {
      f.vars[p] = eval(default_argument(p), f);
    } else if (symbols_for_rest && integer) {
      f.vars[p] = DimExpr::symbol(name);
      if (!defaulted) symbols_.push_back(SpecSymbol{name, std::nullopt, location_of(p), std::nullopt, true});
    } else {
      f.vars[p] = Unknown{"constructor parameter '" + name + "' has no value (give it with --arg " + name + "=VALUE)"};
    }
    if (defaulted) {
      // Recorded so reports can say what the default is, and, when the
      // parameter stayed a symbol, so the checker can bind it.
      const SourceManager& sm = ctx_.getSourceManager();
      auto range = CharSourceRange::getTokenRange(p->getDefaultArgRange());
      std::string text = Lexer::getSourceText(range, sm, ctx_.getLangOpts()).str();
      std::optional<int64_t> number;
      if (integer)
        if (const DimExpr* d = as_dim(eval(default_argument(p), f))) number = d->constant();
      symbols_.push_back(SpecSymbol{name, text, location_of(p), number, integer && symbolic_defaults_});
    }
  }
  // Bases (custom modules register into the same instance), then members in
  // declaration order, as C++ initialises them.
  for (const CXXCtorInitializer* init : ctor->inits()) {
    if (!init->isBaseInitializer()) continue;
    const CXXRecordDecl* base = init->getBaseClass()->getAsCXXRecordDecl();
    if (!base || !is_module_class(base) || qualified_name(base).rfind("torch::", 0) == 0) continue;
    if (auto* c = dyn_cast<CXXConstructExpr>(skip_implicit(init->getInit()))) {
      std::vector<Value> base_args;
      for (const Expr* a : c->arguments()) base_args.push_back(eval(a, f));
      ModulePtr b = run_constructor(c->getConstructor(), base_args, {}, false, depth + 1);
      self->tensors.insert(self->tensors.end(), b->tensors.begin(), b->tensors.end());
      self->children.insert(self->children.end(), b->children.begin(), b->children.end());
    }
  }
  init_members(ctor, f);
  if (ctor->getBody()) exec(ctor->getBody(), f);
  return self;
}

// Members in declaration order, as C++ initialises them: from the constructor's
// initialiser list, else from the member's own initialiser.
void Interpreter::init_members(const CXXConstructorDecl* ctor, Frame& f) {
  for (const FieldDecl* field : ctor->getParent()->fields()) {
    const Expr* init = nullptr;
    for (const CXXCtorInitializer* i : ctor->inits())
      if (i->getMember() == field) init = i->getInit();
    if (!init && field->hasInClassInitializer()) init = field->getInClassInitializer();
    if (init) (*f.fields)[field] = eval(init, f);
  }
}

// A --arg value for a parameter whose type is a struct of the model's own
// (Seq2SeqImpl(Config cfg)): a list fills its members in order, (key, value)
// pairs by name; the rest take their default member initialisers.
Value Interpreter::as_struct_argument(QualType type, const Value& v, Frame& f) {
  const CXXRecordDecl* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  std::optional<std::vector<Value>> items = list_items(v);
  if (!record || !record->hasDefinition() || !record->isAggregate() || record->isInStdNamespace() ||
      in_torch(qualified_name(record)) || !items)
    return v;
  record = record->getDefinition();
  bool by_name = !items->empty() && std::all_of(items->begin(), items->end(), [](const Value& x) { return pair_key(x); });
  ObjectValue object{record, {}};
  size_t position = 0;
  for (const FieldDecl* field : record->fields()) {
    std::optional<Value> given;
    if (by_name) {
      for (const Value& item : *items)
        if (*pair_key(item) == field->getName()) given = pair_value(item);
    } else if (position < items->size()) {
      given = (*items)[position];
    }
    ++position;
    if (given) object.fields[field] = *given;
    else if (field->hasInClassInitializer()) object.fields[field] = eval(field->getInClassInitializer(), f);
    else object.fields[field] = Unknown{"member '" + field->getNameAsString() + "' is not given in --arg"};
  }
  return object;
}

// An object of a class of the model's own that is not a module (an options
// struct): its constructor runs on the object's members.
Value Interpreter::construct_object(const CXXConstructExpr* c, Frame& f) {
  const CXXConstructorDecl* ctor = c->getConstructor();
  if (const FunctionDecl* def = definition(ctor)) ctor = cast<CXXConstructorDecl>(def);
  else if (!ctor->isImplicit())
    return unknown(c, "the constructor of '" + qualified_name(ctor->getParent()) + "' is not in the analysed files");
  if (f.depth >= kMaxCallDepth) return unknown(c, "calls nest deeper than " + std::to_string(kMaxCallDepth));
  ObjectValue object{ctor->getParent(), {}};
  Frame g{f.self, {}, &object.fields, std::nullopt, f.depth + 1, object.cls};
  g.condition = f.condition;
  for (unsigned i = 0; i < ctor->getNumParams(); ++i)
    g.vars[ctor->getParamDecl(i)] = i < c->getNumArgs() ? eval(c->getArg(i), f) : Value{};
  init_members(ctor, g);
  if (ctor->getBody()) exec(ctor->getBody(), g);
  return object;
}

const FunctionDecl* Interpreter::definition(const FunctionDecl* fn) {
  const FunctionDecl* def = nullptr;
  if (fn->hasBody(def)) return def;
  if (instantiate_ && fn->isImplicitlyInstantiable()) {
    instantiate_(fn);
    if (fn->hasBody(def)) return def;
  }
  return nullptr;
}

Value Interpreter::call_user_function(const FunctionDecl* fn, const std::vector<const Expr*>& args, Frame& caller,
                                      const Expr* where, ObjectValue* object) {
  const FunctionDecl* def = definition(fn);
  if (!def || !def->getBody())
    return unknown(where, "the body of '" + qualified_name(fn) + "' is not in the analysed files");
  if (caller.depth >= kMaxCallDepth) return unknown(where, "calls nest deeper than " + std::to_string(kMaxCallDepth));
  Frame f{caller.self, {}, caller.fields, std::nullopt, caller.depth + 1, caller.object};
  f.condition = caller.condition;
  f.dynamic = caller.dynamic;
  if (object) f.fields = &object->fields, f.object = object->cls;
  // A lambda sees the variables of the function it is written in (its
  // captures name them directly) and may change them.
  auto* method = dyn_cast<CXXMethodDecl>(def);
  bool lambda = method && method->getParent()->isLambda();
  if (lambda) f.vars = caller.vars;
  for (unsigned i = 0; i < def->getNumParams(); ++i) {
    const ParmVarDecl* p = def->getParamDecl(i);
    f.vars[p] = i < args.size() ? eval(args[i], caller) : p->hasDefaultArg() ? eval(default_argument(p), f) : Value{};
  }
  exec(def->getBody(), f);
  if (lambda)
    for (auto& [decl, value] : caller.vars) value = f.vars[decl];
  return f.returned ? *f.returned : Value{Unknown{"'" + qualified_name(fn) + "' returns nothing"}};
}

// A method of the model's own class called on an object of it (options.bias(),
// opts.in_features()). It runs on a copy, which then replaces the object the
// call chain starts from (see write_back).
Value Interpreter::call_method(const CXXMemberCallExpr* c, Frame& f) {
  const Expr* object_expr = c->getImplicitObjectArgument();
  Value self = eval(object_expr, f);
  auto* object = std::get_if<ObjectValue>(&self);
  if (!object) {
    if (is_unknown(self)) return self;
    return unknown(c, "'" + qualified_name(c->getMethodDecl()) +
                          "' is called on another module or on a value the analyzer does not follow; not evaluated");
  }
  ObjectValue changed = *object;
  Value result = call_user_function(c->getMethodDecl(), {c->arg_begin(), c->arg_end()}, f, c, &changed);
  write_back(object_expr, Value{std::move(changed)}, f);
  return result;
}

void Interpreter::assign(const Expr* target, Value v, Frame& f) {
  target = skip_implicit(target);
  if (auto* m = dyn_cast<MemberExpr>(target))
    if (auto* field = dyn_cast<FieldDecl>(m->getMemberDecl())) {
      if (isa<CXXThisExpr>(skip_implicit(m->getBase()))) {
        (*f.fields)[field] = std::move(v);
        return;
      }
      // cfg.width = 8 changes the object, so the variable or member holding it.
      Value base = eval(m->getBase(), f);
      if (auto* object = std::get_if<ObjectValue>(&base)) {
        object->fields[field] = std::move(v);
        assign(m->getBase(), std::move(base), f);
        return;
      }
    }
  if (auto* d = dyn_cast<DeclRefExpr>(target)) {
    f.vars[d->getDecl()] = std::move(v);
    return;
  }
  unknown(target, "an assignment to this is not evaluated; what is read from it later may be wrong");
}

// Setters change the object they are called on and return it by reference
// (opts.a(1).b(2)): the variable or member the chain starts from takes the
// changed object. A temporary there just goes away.
void Interpreter::write_back(const Expr* object, Value v, Frame& f) {
  const Expr* root = skip_implicit(object);
  for (auto* inner = dyn_cast<CXXMemberCallExpr>(root); inner && inner->isLValue();
       inner = dyn_cast<CXXMemberCallExpr>(root))
    root = skip_implicit(inner->getImplicitObjectArgument());
  if (isa<DeclRefExpr>(root) || isa<MemberExpr>(root)) assign(root, std::move(v), f);
}

// int <-> double and number -> bool, as C++ converts (toward zero to an integer).
Value Interpreter::convert_number(const CastExpr* c, Frame& f) {
  Value v = eval(c->getSubExpr(), f);
  const DimExpr* d = as_dim(v);
  const double* x = std::get_if<double>(&v);
  switch (c->getCastKind()) {
    case CK_FloatingToIntegral:
      if (x) return DimExpr(static_cast<int64_t>(*x));
      break;
    case CK_IntegralToFloating:
      if (d && d->constant()) return static_cast<double>(*d->constant());
      break;
    case CK_IntegralToBoolean:
      if (std::holds_alternative<SymbolicCondition>(v)) return v;  // a bool that went through an integer
      if (auto known = known_truth(v)) return *known;
      if (d) return SymbolicCondition{d->to_string() + "!=0", DimExpr::condition(DimExpr::Op::Ne, *d, 0)};
      break;
    case CK_FloatingToBoolean:
      if (x) return *x != 0;
      break;
    default:
      break;
  }
  if (is_unknown(v)) return v;
  return unknown(c, "cannot convert this value to '" + c->getType().getAsString() + "' statically");
}

// A declared variable takes its value; a structured binding (auto [c, n, s] =
// row) names the items of a tuple, pair or array, or the members of a struct.
void Interpreter::bind_variable(const VarDecl* var, Value v, Frame& f) {
  if (auto* decomposition = dyn_cast<DecompositionDecl>(var)) {
    auto bindings = decomposition->bindings();
    std::optional<std::vector<Value>> items = list_items(v);
    if (auto* object = std::get_if<ObjectValue>(&v)) {
      items.emplace();
      for (const FieldDecl* field : object->cls->fields()) {
        auto it = object->fields.find(field);
        items->push_back(it != object->fields.end() ? it->second : Value{Unknown{"member has no value"}});
      }
    }
    for (size_t i = 0; i < bindings.size(); ++i)
      f.vars[bindings[i]] = items && i < items->size() ? (*items)[i] : is_unknown(v) ? v : Value{Unknown{"not a tuple the analyzer knows"}};
  }
  f.vars[var] = std::move(v);
}

Value Interpreter::eval_binary(const BinaryOperator* b, Frame& f) {
  if (b->isAssignmentOp()) {
    Value rhs = eval(b->getRHS(), f);
    if (b->isCompoundAssignmentOp()) {
      Value lhs = eval(b->getLHS(), f);
      auto* l = as_dim(lhs);
      auto* r = as_dim(rhs);
      if (!l || !r) return unknown(b, "cannot compute '" + std::string(b->getOpcodeStr()) + "' here");
      switch (b->getOpcode()) {
        case BO_AddAssign: rhs = *l + *r; break;
        case BO_SubAssign: rhs = *l - *r; break;
        case BO_MulAssign: rhs = *l * *r; break;
        case BO_DivAssign: rhs = *l / *r; break;
        default: return unknown(b, "operator '" + std::string(b->getOpcodeStr()) + "' is not evaluated");
      }
    }
    assign(b->getLHS(), rhs, f);
    return rhs;
  }
  if (b->getOpcode() == BO_LAnd || b->getOpcode() == BO_LOr) {
    bool is_or = b->getOpcode() == BO_LOr;
    Value lhs = eval(b->getLHS(), f);
    const bool* l = as_bool(lhs);
    if (l && (*l == is_or)) return *l;  // short circuit
    Value rhs = eval(b->getRHS(), f);
    const bool* r = as_bool(rhs);
    if (l && r) return *r;
    // Over symbols: a known side decides or drops out, else both are kept.
    auto* lc = std::get_if<SymbolicCondition>(&lhs);
    auto* rc = std::get_if<SymbolicCondition>(&rhs);
    if (l && rc) return rhs;  // true && C, false || C
    if (lc && r) return *r == is_or ? Value{*r} : lhs;
    if (lc && rc) {
      std::optional<DimExpr> both;
      if (lc->expr && rc->expr) both = DimExpr::condition(is_or ? DimExpr::Op::Or : DimExpr::Op::And, *lc->expr, *rc->expr);
      return SymbolicCondition{"(" + lc->text + ")" + (is_or ? "||" : "&&") + "(" + rc->text + ")", both};
    }
    return Unknown{"a condition depends on a value known only at run time"};
  }
  Value lv = eval(b->getLHS(), f), rv = eval(b->getRHS(), f);
  if (auto x = arithmetic_on_doubles(b->getOpcode(), lv, rv)) return *x;
  const DimExpr* l = as_dim(lv);
  const DimExpr* r = as_dim(rv);
  if (!l || !r) {
    if (is_unknown(lv)) return lv;
    if (is_unknown(rv)) return rv;
    if (std::holds_alternative<TensorValue>(lv) && !std::holds_alternative<TensorValue>(rv)) return lv;
    return unknown(b, "operands of '" + std::string(b->getOpcodeStr()) + "' are not integers");
  }
  switch (b->getOpcode()) {
    case BO_Add: return *l + *r;
    case BO_Sub: return *l - *r;
    case BO_Mul: return *l * *r;
    case BO_Div: return *l / *r;
    case BO_Rem: return *l % *r;
    default: break;
  }
  auto a = l->constant(), c = r->constant();
  if (!a || !c) {
    // Over the root's symbols: a condition a branch can be taken both ways on.
    switch (b->getOpcode()) {
      case BO_LT: case BO_GT: case BO_LE: case BO_GE: case BO_EQ: case BO_NE:
        return SymbolicCondition{l->to_string() + b->getOpcodeStr().str() + r->to_string(),
                                 DimExpr::condition(comparison(b->getOpcode()), *l, *r)};
      default:
        return unknown(b, "'" + std::string(b->getOpcodeStr()) + "' over '" + (a ? r->to_string() : l->to_string()) +
                              "' is not evaluated (only + - * / % keep a symbol)");
    }
  }
  switch (b->getOpcode()) {
    case BO_LT: return *a < *c;
    case BO_GT: return *a > *c;
    case BO_LE: return *a <= *c;
    case BO_GE: return *a >= *c;
    case BO_EQ: return *a == *c;
    case BO_NE: return *a != *c;
    case BO_Shl: if (*c >= 0 && *c < 63) return DimExpr(*a << *c); break;
    case BO_Shr: if (*c >= 0 && *c < 63) return DimExpr(*a >> *c); break;
    case BO_And: return DimExpr(*a & *c);
    case BO_Or: return DimExpr(*a | *c);
    case BO_Xor: return DimExpr(*a ^ *c);
    default: break;
  }
  return unknown(b, "operator '" + std::string(b->getOpcodeStr()) + "' is not evaluated here");
}

Value Interpreter::eval(const Expr* e, Frame& f) {
  e = skip_implicit(e);
  if (!e) return Unknown{"no expression"};
  if (is_numeric_conversion(e)) return convert_number(cast<CastExpr>(e), f);
  if (auto v = eval_torch_call(e, f)) return *v;
  if (auto* i = dyn_cast<IntegerLiteral>(e)) return DimExpr(static_cast<int64_t>(i->getValue().getSExtValue()));
  if (auto* b = dyn_cast<CXXBoolLiteralExpr>(e)) return b->getValue();
  if (auto* d = dyn_cast<FloatingLiteral>(e)) return d->getValueAsApproximateDouble();
  if (auto* ch = dyn_cast<CharacterLiteral>(e)) return DimExpr(static_cast<int64_t>(ch->getValue()));
  if (auto* s = dyn_cast<StringLiteral>(e)) return s->getString().str();
  if (isa<CXXNullPtrLiteralExpr>(e) || isa<GNUNullExpr>(e)) return NullModule{};
  if (auto* u = dyn_cast<UnaryOperator>(e)) {
    Value v = eval(u->getSubExpr(), f);
    if (u->getOpcode() == UO_Minus) {
      if (auto* d = as_dim(v)) return DimExpr(0) - *d;
      if (auto* x = std::get_if<double>(&v)) return -*x;
    }
    if (u->getOpcode() == UO_LNot) {
      if (auto* b = as_bool(v)) return !*b;
      if (auto* c = std::get_if<SymbolicCondition>(&v)) {
        std::optional<DimExpr> negated;
        if (c->expr) negated = DimExpr::condition(DimExpr::Op::Eq, *c->expr, 0);
        return SymbolicCondition{"!(" + c->text + ")", negated};
      }
    }
    if (u->getOpcode() == UO_Plus || u->getOpcode() == UO_Deref || u->getOpcode() == UO_AddrOf) return v;
    if (u->isIncrementDecrementOp()) {
      const DimExpr* d = as_dim(v);
      if (!d) {
        forget_changes(u, f, "changed by '" + std::string(UnaryOperator::getOpcodeStr(u->getOpcode())) + "' on an unknown value");
        return is_unknown(v) ? v : unknown(e, "'++'/'--' on a value that is not an integer");
      }
      DimExpr updated = *d + DimExpr(u->isIncrementOp() ? 1 : -1);
      assign(u->getSubExpr(), updated, f);
      return u->isPrefix() ? Value{updated} : v;
    }
    return unknown(e, "operator '" + std::string(UnaryOperator::getOpcodeStr(u->getOpcode())) + "' is not evaluated");
  }
  if (auto* b = dyn_cast<BinaryOperator>(e)) return eval_binary(b, f);
  if (auto* c = dyn_cast<ConditionalOperator>(e)) {
    Value condition = eval(c->getCond(), f);
    if (std::optional<bool> known = known_truth(condition))
      return eval(*known ? c->getTrueExpr() : c->getFalseExpr(), f);
    // Over symbols, between two integers: one expression, select(c, a, b).
    if (auto* symbolic = std::get_if<SymbolicCondition>(&condition); symbolic && symbolic->expr) {
      Value a = eval(c->getTrueExpr(), f), b = eval(c->getFalseExpr(), f);
      if (as_dim(a) && as_dim(b)) return DimExpr::select(*symbolic->expr, *as_dim(a), *as_dim(b));
      return unknown(e, "the condition of '?:' depends on '" + symbolic->text + "' and its sides are not integers");
    }
    return unknown(e, "the condition of '?:' is known only at run time");
  }
  if (auto* d = dyn_cast<DeclRefExpr>(e)) {
    const ValueDecl* decl = d->getDecl();
    if (auto it = f.vars.find(decl); it != f.vars.end()) return read(it->second, e);
    if (auto* ec = dyn_cast<EnumConstantDecl>(decl)) return DimExpr(ec->getInitVal().getSExtValue());
    if (auto* var = dyn_cast<VarDecl>(decl)) {
      if (const Expr* init = var->getAnyInitializer(); init && var->getType().isConstQualified()) {
        Frame g{f.self, {}, f.fields, std::nullopt, f.depth + 1};
        return eval(init, g);
      }
      return unknown(e, "'" + var->getNameAsString() + "' is not a constant the analyzer can read");
    }
  }
  if (auto* m = dyn_cast<MemberExpr>(e)) {
    if (auto* field = dyn_cast<FieldDecl>(m->getMemberDecl()); field && isa<CXXThisExpr>(skip_implicit(m->getBase()))) {
      auto it = f.fields->find(field);
      if (it != f.fields->end()) return read(it->second, e);
      return Unknown{"member '" + field->getNameAsString() + "' has no value yet"};
    }
    if (auto* var = dyn_cast<VarDecl>(m->getMemberDecl()); var && var->getAnyInitializer()) {  // static members
      Frame g{f.self, {}, f.fields, std::nullopt, f.depth + 1};
      return eval(var->getAnyInitializer(), g);
    }
    if (auto* field = dyn_cast<FieldDecl>(m->getMemberDecl())) {  // cfg.width on an object
      Value base = eval(m->getBase(), f);
      if (auto* object = std::get_if<ObjectValue>(&base)) {
        auto it = object->fields.find(field);
        if (it != object->fields.end()) return it->second;
        return Unknown{"member '" + field->getNameAsString() + "' has no value yet"};
      }
      if (is_unknown(base)) return base;
    }
  }
  if (isa<CXXThisExpr>(e) && f.object) return ObjectValue{f.object, *f.fields};
  if (auto* init = dyn_cast<InitListExpr>(e)) {
    if (init->getNumInits() == 1 && !init->getType()->isArrayType() && !init->getType()->isRecordType())
      return eval(init->getInit(0), f);
    // {1, 16, 1, 1} for a struct of the model's own (a configuration table's row):
    // an object with those members, in declaration order.
    if (const CXXRecordDecl* record = init->getType()->getAsCXXRecordDecl();
        record && record->isAggregate() && record->getNumBases() == 0 && !record->isInStdNamespace() &&
        !is_module_class(record) && qualified_name(record).find("torch::") != 0) {
      ObjectValue object{record, {}};
      unsigned i = 0;
      for (const FieldDecl* field : record->fields()) {
        if (i < init->getNumInits()) object.fields[field] = eval(init->getInit(i), f);
        ++i;
      }
      return object;
    }
    std::vector<Value> items;
    for (const Expr* x : init->inits()) {
      items.push_back(eval(x, f));
      if (is_unknown(items.back())) return items.back();
    }
    return make_list(std::move(items));
  }
  if (auto* il = dyn_cast<CXXStdInitializerListExpr>(e)) return eval(il->getSubExpr(), f);
  if (auto v = eval_std_call(e, f)) return *v;
  if (auto* c = dyn_cast<CXXConstructExpr>(e)) {
    const CXXConstructorDecl* ctor = c->getConstructor();
    if (is_model_function(ctor) && !ctor->isCopyOrMoveConstructor() && !is_module_class(ctor->getParent()))
      return construct_object(c, f);
    // A pair or tuple made from its items is the list of them.
    const CXXRecordDecl* cls = ctor->getParent();
    bool pair = cls->getName() == "pair" && c->getNumArgs() == 2;
    bool tuple = cls->getName() == "tuple" && c->getNumArgs() >= 1 && !ctor->isCopyOrMoveConstructor();
    if (cls->isInStdNamespace() && (pair || tuple)) {
      std::vector<Value> items;
      for (const Expr* a : c->arguments()) items.push_back(eval(a, f));
      return ListValue{std::move(items)};
    }
    // Conversions and copies carry their argument's value (std::string("fc")
    // also passes a defaulted allocator).
    unsigned written = 0;
    for (const Expr* a : c->arguments()) written += !isa<CXXDefaultArgExpr>(a);
    if (written == 1 && c->getNumArgs() >= 1) return eval(c->getArg(0), f);
    if (c->getNumArgs() == 0) {  // std::vector<int64_t> widths; std::string name;
      if (cls->isInStdNamespace() && cls->getName() == "vector") return std::vector<DimExpr>{};
      if (cls->isInStdNamespace() && cls->getName() == "basic_string") return std::string();
      return Unknown{"a default-constructed '" + c->getType().getAsString() + "'"};
    }
  }
  if (auto* mc = dyn_cast<CXXMemberCallExpr>(e))
    if (auto v = eval_vector_change(mc, f)) return *v;
  if (auto v = eval_list_access(e, f)) return *v;
  if (auto* call = dyn_cast<CallExpr>(e)) {
    const FunctionDecl* fn = call->getDirectCallee();
    auto* mc = dyn_cast<CXXMemberCallExpr>(call);
    if (mc) fn = mc->getMethodDecl();
    if (fn && fn->isInStdNamespace() && fn->getIdentifier()) {
      // std::move(x) and std::forward<T>(x) are x.
      if ((fn->getName() == "move" || fn->getName() == "forward") && call->getNumArgs() == 1)
        return eval(call->getArg(0), f);
    }
    if (mc && is_model_function(fn) && !isa<CXXThisExpr>(skip_implicit(mc->getImplicitObjectArgument())))
      return call_method(mc, f);
    // A virtual method called on the module being built runs its override in
    // the class whose constructor is running (C++'s rule during construction).
    if (auto* m = dyn_cast_or_null<CXXMethodDecl>(fn); m && mc && m->isVirtual() && f.dynamic &&
        isa<CXXThisExpr>(skip_implicit(mc->getImplicitObjectArgument())))
      if (const CXXMethodDecl* override_ = m->getCorrespondingMethodInClass(f.dynamic)) fn = override_;
    if (is_model_function(fn)) {
      std::vector<const Expr*> args(call->arg_begin(), call->arg_end());
      if (auto* op = dyn_cast<CXXOperatorCallExpr>(call); op && isa<CXXMethodDecl>(fn)) args.erase(args.begin());
      return call_user_function(fn, args, f, e);
    }
  }
  // Last resort: whatever Clang can fold (sizeof, constexpr functions, ...).
  Expr::EvalResult r;
  if (!e->isValueDependent() && e->EvaluateAsInt(r, ctx_)) return DimExpr(r.Val.getInt().getSExtValue());
  if (isa<CallExpr>(e)) forget_changes(e, f, "changed by a call the analyzer does not evaluate");
  return unknown(e, "cannot evaluate '" + std::string(e->getStmtClassName()) + "' expression statically");
}

void Interpreter::forget_changes(const Stmt* s, Frame& f, const std::string& why, bool keep_modules) {
  if (!s) return;
  auto keep = [&](const Value& v) {
    return keep_modules && (std::holds_alternative<ModulePtr>(v) || std::holds_alternative<NullModule>(v));
  };
  // A call on a module (holder->bias, list->push_back) changes the module, not
  // which module the variable holds.
  auto forget_object = [&](const Expr* target) {
    const Expr* root = skip_implicit(target);
    Value* held = nullptr;
    if (auto* d = dyn_cast<DeclRefExpr>(root); d && f.vars.count(d->getDecl())) held = &f.vars[d->getDecl()];
    if (auto* m = dyn_cast<MemberExpr>(root); m && isa<CXXThisExpr>(skip_implicit(m->getBase())))
      if (auto* field = dyn_cast<FieldDecl>(m->getMemberDecl()); field && f.fields->count(field)) held = &(*f.fields)[field];
    return !held || !std::holds_alternative<ModulePtr>(*held);
  };
  auto forget = [&](const Expr* target) {
    target = skip_implicit(target);
    if (auto* u = dyn_cast<UnaryOperator>(target); u && u->getOpcode() == UO_AddrOf) target = skip_implicit(u->getSubExpr());
    // cfg.width = ...: the object variable or member it belongs to changes.
    while (auto* m = dyn_cast<MemberExpr>(target)) {
      const Expr* base = skip_implicit(m->getBase());
      if (isa<CXXThisExpr>(base)) {
        if (auto* field = dyn_cast<FieldDecl>(m->getMemberDecl()); field && f.fields->count(field) && !keep((*f.fields)[field]))
          (*f.fields)[field] = Unknown{.why = "member '" + field->getNameAsString() + "' is " + why, .report_on_read = keep_modules};
        return;
      }
      target = base;
    }
    if (auto* d = dyn_cast<DeclRefExpr>(target); d && f.vars.count(d->getDecl()) && !keep(f.vars[d->getDecl()]))
      f.vars[d->getDecl()] = Unknown{.why = "'" + d->getDecl()->getNameAsString() + "' is " + why, .report_on_read = keep_modules};
  };
  if (auto* b = dyn_cast<BinaryOperator>(s); b && b->isAssignmentOp()) forget(b->getLHS());
  if (auto* u = dyn_cast<UnaryOperator>(s); u && u->isIncrementDecrementOp()) forget(u->getSubExpr());
  if (auto* call = dyn_cast<CallExpr>(s)) {
    const FunctionDecl* fn = call->getDirectCallee();
    unsigned first = 0;
    if (auto* op = dyn_cast<CXXOperatorCallExpr>(call); op && fn && isa<CXXMethodDecl>(fn)) {
      if (!cast<CXXMethodDecl>(fn)->isConst() && forget_object(op->getArg(0)))
        forget(op->getArg(0));  // x += 1, in >> x on a member stream
      first = 1;
    }
    if (auto* mc = dyn_cast<CXXMemberCallExpr>(call); mc && mc->getMethodDecl() && !mc->getMethodDecl()->isConst() &&
        forget_object(mc->getImplicitObjectArgument()))
      forget(mc->getImplicitObjectArgument());  // v.push_back(...)
    for (unsigned i = first; i < call->getNumArgs(); ++i) {
      // An argument bound to a non-const reference or given by address may change.
      QualType param;
      if (fn && i - first < fn->getNumParams()) param = fn->getParamDecl(i - first)->getType();
      bool by_reference = !param.isNull() && (param->isLValueReferenceType() || param->isPointerType()) &&
                          !param->getPointeeType().isConstQualified();
      if ((by_reference || param.isNull()) && forget_object(call->getArg(i))) forget(call->getArg(i));
    }
  }
  for (const Stmt* child : s->children()) forget_changes(child, f, why, keep_modules);
}

// for, while, do and range-for loops over known values run iteration by
// iteration (the way ResNet layer loops and VGG configuration tables are
// written); a loop whose condition or range is not known is reported.
void Interpreter::exec_loop(const Stmt* loop, Frame& f) {
  auto give_up = [&](const std::string& why) {
    unknown(loop, why + "; registrations inside it are missing");
    forget_changes(loop, f, "changed in a loop the analyzer could not run");
  };
  // Runs the body once; false when the loop ends here (break or return).
  auto run_body = [&](const Stmt* body) {
    exec(body, f);
    if (f.returned) return false;
    bool broke = f.jump == Frame::Jump::Break;
    f.jump = Frame::Jump::None;
    return !broke;
  };
  if (auto* range_for = dyn_cast<CXXForRangeStmt>(loop)) {
    if (range_for->getInit()) exec(range_for->getInit(), f);
    Value range = eval(range_for->getRangeInit(), f);
    std::optional<std::vector<Value>> items = list_items(range);
    if (!items) return give_up("the range of this loop is not a list the analyzer knows");
    for (const Value& item : *items) {
      bind_variable(range_for->getLoopVariable(), item, f);
      if (!run_body(range_for->getBody())) break;
    }
    return;
  }
  const Stmt* body = nullptr;
  const Expr* condition = nullptr;
  const Expr* increment = nullptr;
  bool test_first = true;
  if (auto* for_loop = dyn_cast<ForStmt>(loop)) {
    if (for_loop->getInit()) exec(for_loop->getInit(), f);
    body = for_loop->getBody(), condition = for_loop->getCond(), increment = for_loop->getInc();
  } else if (auto* while_loop = dyn_cast<WhileStmt>(loop)) {
    body = while_loop->getBody(), condition = while_loop->getCond();
  } else if (auto* do_loop = dyn_cast<DoStmt>(loop)) {
    body = do_loop->getBody(), condition = do_loop->getCond(), test_first = false;
  }
  for (int trips = 0;; ++trips) {
    if (condition && (test_first || trips > 0)) {
      std::optional<bool> go = known_truth(eval(condition, f));
      if (!go) {
        auto* for_loop = dyn_cast<ForStmt>(loop);
        if (trips == 0 && for_loop && exec_repeated(for_loop, f)) return;
        return give_up("this loop's condition depends on a value known only at run time");
      }
      if (!*go) return;
    }
    if (trips == kMaxLoopTrips) return give_up("this loop runs more than " + std::to_string(kMaxLoopTrips) + " times");
    if (!run_body(body)) return;
    if (increment) eval(increment, f);
  }
}

namespace {
// True when `s` could leave the statement early (return, break, continue):
// then the two sides of a branch cannot simply both be run.
bool may_jump(const Stmt* s) {
  if (!s) return false;
  if (isa<ReturnStmt>(s) || isa<BreakStmt>(s) || isa<ContinueStmt>(s)) return true;
  for (const Stmt* child : s->children())
    if (may_jump(child)) return true;
  return false;
}
}  // namespace

void Interpreter::exec_both_ways(const IfStmt* s, const std::string& condition, Frame& f) {
  if (may_jump(s->getThen()) || may_jump(s->getElse())) {
    unknown(s, "this branch depends on '" + condition + "' and leaves early (return/break/continue); neither side is analysed");
    forget_changes(s, f, "changed in a branch the analyzer could not decide");
    return;
  }
  // Each side sees the values from before the branch; afterwards what either
  // side changed is unknown (it depends on the condition).
  auto vars = f.vars;
  auto fields = *f.fields;
  std::string outer = f.condition;
  f.condition = both_conditions(outer, condition);
  exec(s->getThen(), f);
  f.vars = vars;
  *f.fields = fields;
  f.condition = both_conditions(outer, "!(" + condition + ")");
  exec(s->getElse(), f);
  f.condition = outer;
  f.vars = vars;
  *f.fields = fields;
  forget_changes(s->getThen(), f, "changed in a branch on '" + condition + "'");
  forget_changes(s->getElse(), f, "changed in a branch on '" + condition + "'");
}

// switch on a known value: the statements from the matching case (or
// default) on, until a break, as C++ runs them (falling through labels).
void Interpreter::exec_switch(const SwitchStmt* s, Frame& f) {
  if (s->getInit()) exec(s->getInit(), f);
  Value v = eval(s->getCond(), f);
  auto* d = as_dim(v);
  std::optional<int64_t> value = d ? d->constant() : std::nullopt;
  auto* body = dyn_cast_or_null<CompoundStmt>(s->getBody());
  if (!value || !body) {
    unknown(s, "this switch depends on a value known only at run time; no case is analysed");
    forget_changes(s, f, "changed in a switch the analyzer could not decide");
    return;
  }
  // Which top-level statement the jump lands on; a label may wrap further labels.
  auto matches = [&](const Stmt* st, bool want_default) {
    while (st) {
      if (auto* c = dyn_cast<CaseStmt>(st)) {
        Expr::EvalResult r;
        if (!want_default && c->getLHS()->EvaluateAsInt(r, ctx_) && r.Val.getInt().getSExtValue() == *value) return true;
        st = c->getSubStmt();
      } else if (auto* dflt = dyn_cast<DefaultStmt>(st)) {
        if (want_default) return true;
        st = dflt->getSubStmt();
      } else {
        return false;
      }
    }
    return false;
  };
  auto children = body->body();
  auto start = std::find_if(children.begin(), children.end(), [&](const Stmt* st) { return matches(st, false); });
  if (start == children.end())
    start = std::find_if(children.begin(), children.end(), [&](const Stmt* st) { return matches(st, true); });
  for (auto it = start; it != children.end(); ++it) {
    const Stmt* st = *it;
    while (true) {  // step inside the labels to the statement
      if (auto* c = dyn_cast<CaseStmt>(st)) st = c->getSubStmt();
      else if (auto* dflt = dyn_cast<DefaultStmt>(st)) st = dflt->getSubStmt();
      else break;
    }
    exec(st, f);
    if (f.returned) return;
    if (f.jump == Frame::Jump::Break) {
      f.jump = Frame::Jump::None;
      return;
    }
    if (f.jump == Frame::Jump::Continue) return;  // belongs to an enclosing loop
  }
}

void Interpreter::exec(const Stmt* s, Frame& f) {
  if (!s || f.returned || f.jump != Frame::Jump::None) return;
  if (auto* cs = dyn_cast<CompoundStmt>(s)) {
    for (const Stmt* child : cs->body()) {
      exec(child, f);
      if (f.returned || f.jump != Frame::Jump::None) return;
    }
    return;
  }
  if (isa<BreakStmt>(s)) {
    f.jump = Frame::Jump::Break;
    return;
  }
  if (isa<ContinueStmt>(s)) {
    f.jump = Frame::Jump::Continue;
    return;
  }
  if (auto* ds = dyn_cast<DeclStmt>(s)) {
    for (const Decl* d : ds->decls())
      if (auto* var = dyn_cast<VarDecl>(d)) bind_variable(var, var->hasInit() ? eval(var->getInit(), f) : Value{}, f);
    return;
  }
  if (auto* r = dyn_cast<ReturnStmt>(s)) {
    f.returned = r->getRetValue() ? eval(r->getRetValue(), f) : Value{};
    return;
  }
  if (auto* i = dyn_cast<IfStmt>(s)) {
    if (i->getInit()) exec(i->getInit(), f);
    Value cond = eval(i->getCond(), f);
    std::optional<bool> known = known_truth(cond);
    if (auto* c = std::get_if<SymbolicCondition>(&cond)) return exec_both_ways(i, c->text, f);
    if (!known) {
      unknown(i, "this branch depends on a value known only at run time; neither side is analysed");
      forget_changes(i->getThen(), f, "changed in a branch the analyzer could not decide");
      forget_changes(i->getElse(), f, "changed in a branch the analyzer could not decide");
      return;
    }
    exec(*known ? i->getThen() : i->getElse(), f);
    return;
  }
  if (auto* sw = dyn_cast<SwitchStmt>(s)) {
    exec_switch(sw, f);
    return;
  }
  if (isa<ForStmt>(s) || isa<WhileStmt>(s) || isa<DoStmt>(s) || isa<CXXForRangeStmt>(s)) {
    exec_loop(s, f);
    return;
  }
  if (isa<NullStmt>(s)) return;
  if (auto* e = dyn_cast<Expr>(s)) {
    eval(e, f);
    return;
  }
  unknown(s, std::string("'") + s->getStmtClassName() + "' statements are not evaluated");
  forget_changes(s, f, std::string("changed in a '") + s->getStmtClassName() + "' statement the analyzer does not run");
}

}  // namespace ckptcheck::analysis
