// The generic half of the constructor interpreter: C++ expressions and
// statements, parameters, members, locals, calls into the model's own code,
// objects of its own classes, and std::vector / std::pair values.
#include "interpreter.h"

#include <filesystem>

#include <clang/AST/Decl.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>

namespace ckptcheck::analysis {

using namespace clang;

namespace {

constexpr int kMaxCallDepth = 32;

}  // namespace

const Expr* skip_implicit(const Expr* e) {
  while (e) {
    e = e->IgnoreParens();
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

std::optional<Location> Interpreter::location_of(const Decl* d) const {
  return d ? location_at(ctx_.getSourceManager(), d->getLocation()) : std::nullopt;
}

Value Interpreter::unknown(const Stmt* where, std::string why) {
  diagnostics_.push_back(make_diagnostic(RuleId::AnalysisIncomplete, why, location_of(where)));
  return Unknown{std::move(why)};
}

ModulePtr Interpreter::construct(const CXXRecordDecl* cls, const std::vector<Value>& args, const Expr* where,
                                 int depth) {
  if (!cls || !cls->hasDefinition()) return nullptr;
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
  const FunctionDecl* def = nullptr;
  if (ctor->hasBody(def)) ctor = cast<CXXConstructorDecl>(def);

  std::map<const FieldDecl*, Value> fields;
  Frame f{self, {}, &fields, std::nullopt, depth};
  for (unsigned i = 0; i < ctor->getNumParams(); ++i) {
    const ParmVarDecl* p = ctor->getParamDecl(i);
    std::string name = p->getNameAsString();
    if (i < args.size()) {
      f.vars[p] = args[i];
    } else if (auto it = named.find(name); it != named.end()) {
      f.vars[p] = it->second;
    } else if (p->hasDefaultArg()) {
      f.vars[p] = eval(p->getDefaultArg(), f);
    } else if (symbols_for_rest && p->getType()->isIntegerType() && !p->getType()->isBooleanType()) {
      f.vars[p] = DimExpr::symbol(name);
      symbols_.push_back(SpecSymbol{name, std::nullopt, location_of(p)});
    } else {
      f.vars[p] = Unknown{"constructor parameter '" + name + "' has no value (give it with --arg " + name + "=VALUE)"};
    }
    if (symbols_for_rest && p->hasDefaultArg() && i >= args.size() && !named.count(name)) {
      // Recorded so reports can say what the default is.
      const SourceManager& sm = ctx_.getSourceManager();
      auto range = CharSourceRange::getTokenRange(p->getDefaultArgRange());
      std::string text = Lexer::getSourceText(range, sm, ctx_.getLangOpts()).str();
      symbols_.push_back(SpecSymbol{name, text, location_of(p)});
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

// An object of a class of the model's own that is not a module (an options
// struct): its constructor runs on the object's members.
Value Interpreter::construct_object(const CXXConstructExpr* c, Frame& f) {
  const CXXConstructorDecl* ctor = c->getConstructor();
  const FunctionDecl* def = nullptr;
  if (ctor->hasBody(def)) ctor = cast<CXXConstructorDecl>(def);
  else if (!ctor->isImplicit())
    return unknown(c, "the constructor of '" + qualified_name(ctor->getParent()) + "' is not in the analysed files");
  if (f.depth >= kMaxCallDepth) return unknown(c, "calls nest deeper than " + std::to_string(kMaxCallDepth));
  ObjectValue object{ctor->getParent(), {}};
  Frame g{f.self, {}, &object.fields, std::nullopt, f.depth + 1, object.cls};
  for (unsigned i = 0; i < ctor->getNumParams(); ++i)
    g.vars[ctor->getParamDecl(i)] = i < c->getNumArgs() ? eval(c->getArg(i), f) : Value{};
  init_members(ctor, g);
  if (ctor->getBody()) exec(ctor->getBody(), g);
  return object;
}

Value Interpreter::call_user_function(const FunctionDecl* fn, const std::vector<const Expr*>& args, Frame& caller,
                                      const Expr* where, ObjectValue* object) {
  const FunctionDecl* def = nullptr;
  if (!fn->hasBody(def) || !def->getBody())
    return unknown(where, "the body of '" + qualified_name(fn) + "' is not in the analysed files");
  if (caller.depth >= kMaxCallDepth) return unknown(where, "calls nest deeper than " + std::to_string(kMaxCallDepth));
  Frame f{caller.self, {}, caller.fields, std::nullopt, caller.depth + 1, caller.object};
  if (object) f.fields = &object->fields, f.object = object->cls;
  for (unsigned i = 0; i < def->getNumParams(); ++i) {
    const ParmVarDecl* p = def->getParamDecl(i);
    f.vars[p] = i < args.size() ? eval(args[i], caller) : p->hasDefaultArg() ? eval(p->getDefaultArg(), f) : Value{};
  }
  exec(def->getBody(), f);
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
    Value lhs = eval(b->getLHS(), f);
    const bool* l = as_bool(lhs);
    if (l && (*l == (b->getOpcode() == BO_LOr))) return *l;  // short circuit
    Value rhs = eval(b->getRHS(), f);
    const bool* r = as_bool(rhs);
    if (l && r) return *r;
    return Unknown{"a condition depends on a value known only at run time"};
  }
  Value lv = eval(b->getLHS(), f), rv = eval(b->getRHS(), f);
  const DimExpr* l = as_dim(lv);
  const DimExpr* r = as_dim(rv);
  if (!l || !r) {
    if (is_unknown(lv)) return lv;
    if (is_unknown(rv)) return rv;
    if (std::holds_alternative<TensorValue>(lv) && !std::holds_alternative<TensorValue>(rv)) return lv;
    return Unknown{"operands of '" + std::string(b->getOpcodeStr()) + "' are not integers"};
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
  if (!a || !c) return Unknown{"a comparison involves '" + (a ? r->to_string() : l->to_string()) + "', known only at run time"};
  switch (b->getOpcode()) {
    case BO_LT: return *a < *c;
    case BO_GT: return *a > *c;
    case BO_LE: return *a <= *c;
    case BO_GE: return *a >= *c;
    case BO_EQ: return *a == *c;
    case BO_NE: return *a != *c;
    default: return Unknown{"operator '" + std::string(b->getOpcodeStr()) + "' is not evaluated"};
  }
}

Value Interpreter::eval(const Expr* e, Frame& f) {
  e = skip_implicit(e);
  if (!e) return Unknown{"no expression"};
  if (auto v = eval_torch_call(e, f)) return *v;
  if (auto* i = dyn_cast<IntegerLiteral>(e)) return DimExpr(static_cast<int64_t>(i->getValue().getSExtValue()));
  if (auto* b = dyn_cast<CXXBoolLiteralExpr>(e)) return b->getValue();
  if (auto* d = dyn_cast<FloatingLiteral>(e)) return d->getValueAsApproximateDouble();
  if (auto* s = dyn_cast<StringLiteral>(e)) return s->getString().str();
  if (isa<CXXNullPtrLiteralExpr>(e) || isa<GNUNullExpr>(e)) return NullModule{};
  if (auto* u = dyn_cast<UnaryOperator>(e)) {
    Value v = eval(u->getSubExpr(), f);
    if (u->getOpcode() == UO_Minus)
      if (auto* d = as_dim(v)) return DimExpr(0) - *d;
    if (u->getOpcode() == UO_LNot)
      if (auto* b = as_bool(v)) return !*b;
    if (u->getOpcode() == UO_Plus || u->getOpcode() == UO_Deref || u->getOpcode() == UO_AddrOf) return v;
    return unknown(e, "operator '" + std::string(UnaryOperator::getOpcodeStr(u->getOpcode())) + "' is not evaluated");
  }
  if (auto* b = dyn_cast<BinaryOperator>(e)) return eval_binary(b, f);
  if (auto* c = dyn_cast<ConditionalOperator>(e)) {
    Value cond = eval(c->getCond(), f);
    if (auto* b = as_bool(cond)) return eval(*b ? c->getTrueExpr() : c->getFalseExpr(), f);
    if (auto* d = as_dim(cond); d && d->constant()) return eval(*d->constant() ? c->getTrueExpr() : c->getFalseExpr(), f);
    return unknown(e, "the condition of '?:' is known only at run time");
  }
  if (auto* d = dyn_cast<DeclRefExpr>(e)) {
    const ValueDecl* decl = d->getDecl();
    if (auto it = f.vars.find(decl); it != f.vars.end()) return it->second;
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
      if (it != f.fields->end()) return it->second;
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
    std::vector<Value> items;
    for (const Expr* x : init->inits()) {
      items.push_back(eval(x, f));
      if (is_unknown(items.back())) return items.back();
    }
    return make_list(std::move(items));
  }
  if (auto* il = dyn_cast<CXXStdInitializerListExpr>(e)) return eval(il->getSubExpr(), f);
  if (auto* c = dyn_cast<CXXConstructExpr>(e)) {
    const CXXConstructorDecl* ctor = c->getConstructor();
    if (is_model_function(ctor) && !ctor->isCopyOrMoveConstructor() && !is_module_class(ctor->getParent()))
      return construct_object(c, f);
    if (ctor->getParent()->isInStdNamespace() && ctor->getParent()->getName() == "pair" && c->getNumArgs() == 2)
      return ListValue{{eval(c->getArg(0), f), eval(c->getArg(1), f)}};
    // Conversions and copies carry their argument's value (std::string("fc")
    // also passes a defaulted allocator).
    unsigned written = 0;
    for (const Expr* a : c->arguments()) written += !isa<CXXDefaultArgExpr>(a);
    if (written == 1 && c->getNumArgs() >= 1) return eval(c->getArg(0), f);
    if (c->getNumArgs() == 0) return Unknown{"a default-constructed '" + c->getType().getAsString() + "'"};
  }
  if (auto v = eval_list_access(e, f)) return *v;
  if (auto* call = dyn_cast<CallExpr>(e)) {
    const FunctionDecl* fn = call->getDirectCallee();
    auto* mc = dyn_cast<CXXMemberCallExpr>(call);
    if (mc) fn = mc->getMethodDecl();
    if (fn && fn->isInStdNamespace() && fn->getIdentifier()) {
      // std::move(x) and std::forward<T>(x) are x; std::make_pair(a, b) is a pair.
      if ((fn->getName() == "move" || fn->getName() == "forward") && call->getNumArgs() == 1)
        return eval(call->getArg(0), f);
      if (fn->getName() == "make_pair" && call->getNumArgs() == 2)
        return ListValue{{eval(call->getArg(0), f), eval(call->getArg(1), f)}};
    }
    if (mc && is_model_function(fn) && !isa<CXXThisExpr>(skip_implicit(mc->getImplicitObjectArgument())))
      return call_method(mc, f);
    if (is_model_function(fn)) {
      std::vector<const Expr*> args(call->arg_begin(), call->arg_end());
      if (auto* op = dyn_cast<CXXOperatorCallExpr>(call); op && isa<CXXMethodDecl>(fn)) args.erase(args.begin());
      return call_user_function(fn, args, f, e);
    }
  }
  // Last resort: whatever Clang can fold (sizeof, constexpr functions, ...).
  Expr::EvalResult r;
  if (!e->isValueDependent() && e->EvaluateAsInt(r, ctx_)) return DimExpr(r.Val.getInt().getSExtValue());
  return unknown(e, "cannot evaluate '" + std::string(e->getStmtClassName()) + "' expression statically");
}

// Reading a list (a std::vector or initializer list the model was given or
// built): v[i], v.at(i), v.size(), v.front(), v.back(), v.empty().
std::optional<Value> Interpreter::eval_list_access(const Expr* e, Frame& f) {
  const Expr* object = nullptr;
  std::string op;
  const Expr* index = nullptr;
  if (auto* o = dyn_cast<CXXOperatorCallExpr>(e); o && o->getOperator() == OO_Subscript && o->getNumArgs() == 2) {
    object = o->getArg(0), op = "at", index = o->getArg(1);
  } else if (auto* m = dyn_cast<CXXMemberCallExpr>(e); m && m->getMethodDecl() && m->getMethodDecl()->getParent()->isInStdNamespace()) {
    object = m->getImplicitObjectArgument(), op = m->getMethodDecl()->getNameAsString();
    if (m->getNumArgs() == 1) index = m->getArg(0);
  } else {
    return std::nullopt;
  }
  Value v = eval(object, f);
  std::optional<std::vector<Value>> list = list_items(v);
  if (!list) return std::nullopt;
  if (op == "size") return DimExpr(static_cast<int64_t>(list->size()));
  if (op == "empty") return list->empty();
  if (list->empty()) return unknown(e, "reading an element of an empty list");
  if (op == "front") return list->front();
  if (op == "back") return list->back();
  if (op == "at" && index) {
    Value i = eval(index, f);
    auto k = as_dim(i) ? as_dim(i)->constant() : std::nullopt;
    if (!k || *k < 0 || static_cast<size_t>(*k) >= list->size())
      return unknown(e, "the list index is not a known position in the list");
    return (*list)[static_cast<size_t>(*k)];
  }
  return std::nullopt;
}

void Interpreter::exec(const Stmt* s, Frame& f) {
  if (!s || f.returned) return;
  if (auto* cs = dyn_cast<CompoundStmt>(s)) {
    for (const Stmt* child : cs->body()) {
      exec(child, f);
      if (f.returned) return;
    }
    return;
  }
  if (auto* ds = dyn_cast<DeclStmt>(s)) {
    for (const Decl* d : ds->decls())
      if (auto* var = dyn_cast<VarDecl>(d)) f.vars[var] = var->hasInit() ? eval(var->getInit(), f) : Value{};
    return;
  }
  if (auto* r = dyn_cast<ReturnStmt>(s)) {
    f.returned = r->getRetValue() ? eval(r->getRetValue(), f) : Value{};
    return;
  }
  if (auto* i = dyn_cast<IfStmt>(s)) {
    if (i->getInit()) exec(i->getInit(), f);
    Value cond = eval(i->getCond(), f);
    const bool* b = as_bool(cond);
    std::optional<bool> known = b ? std::optional<bool>(*b) : std::nullopt;
    if (auto* d = as_dim(cond); d && d->constant()) known = *d->constant() != 0;
    if (!known) {
      unknown(i, "this branch depends on a value known only at run time; neither side is analysed");
      return;
    }
    exec(*known ? i->getThen() : i->getElse(), f);
    return;
  }
  if (isa<ForStmt>(s) || isa<WhileStmt>(s) || isa<DoStmt>(s) || isa<CXXForRangeStmt>(s)) {
    unknown(s, "loops are not evaluated yet; registrations inside are missing");
    return;
  }
  if (isa<NullStmt>(s)) return;
  if (auto* e = dyn_cast<Expr>(s)) {
    eval(e, f);
    return;
  }
  unknown(s, std::string("'") + s->getStmtClassName() + "' statements are not evaluated");
}

}  // namespace ckptcheck::analysis
