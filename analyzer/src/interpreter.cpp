// The generic half of the constructor interpreter: C++ expressions,
// parameters, members, locals, calls into the model's own code, objects of its
// own classes, and std::vector / std::pair values. Statements are in
// interpreter_statements.cpp, binary operators in interpreter_operators.cpp,
// questions about declarations in ast_queries.cpp.
#include "interpreter.h"
#include "rules/CK501_analysis_incomplete.h"

#include <algorithm>
#include <filesystem>

#include <clang/AST/Decl.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>

namespace ckptcheck::analysis {

using namespace clang;

namespace {

constexpr int kMaxCallDepth = 32;

}  // namespace

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
  diagnostics_.push_back(to_diagnostic(ValueNotDetermined{why, location_of(where)}));
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
    diagnostics_.push_back(to_diagnostic(ConstructorNotDefined{self->type, location_of(ctor)}));
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

std::string Interpreter::where(const Stmt* s) const {
  std::optional<Location> at = location_of(s);
  return at ? at->file + ":" + std::to_string(at->line) : std::string();
}

Value Interpreter::eval(const Expr* e, Frame& f) {
  budget_.spend([&] { return where(e); });
  Value v = evaluate(e, f);
  if (const std::string* s = as_string(v)) budget_.check_string(s->size(), [&] { return where(e); });
  return v;
}

// One case per kind of expression node, each a few lines: longer than the
// house limit (~80 lines) because a dispatch read top to bottom is easier to
// check against Clang's node list than one scattered over helpers.
Value Interpreter::evaluate(const Expr* e, Frame& f) {
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

}  // namespace ckptcheck::analysis
