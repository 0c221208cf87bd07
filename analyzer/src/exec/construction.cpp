#include "construction.h"

#include <algorithm>
#include <cstdio>

#include <clang/AST/PrettyPrinter.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>
#include <nlohmann/json.hpp>

#include "../interpreter.h"
#include "../rules/CK501_analysis_incomplete.h"

namespace ckptcheck::exec {
namespace {

using namespace clang;

// --arg VALUE: a JSON literal when it parses as one, otherwise a plain string.
nlohmann::json parse_arg(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || j.is_null()) return text;
  return j;
}

std::string cpp_string(const std::string& s) {
  std::string out = "std::string(\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\")";
}

// The element type of a list-like parameter type (std::vector<T>, ArrayRef<T>,
// std::array<T, N>, ExpandingArray<D, T>), if it is one.
QualType element_type(QualType t) {
  t = t.getNonReferenceType().getUnqualifiedType();
  auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(t->getAsCXXRecordDecl());
  if (!spec) return {};
  std::string name = analysis::qualified_name(spec);
  const TemplateArgumentList& args = spec->getTemplateArgs();
  if ((name == "std::vector" || name == "c10::ArrayRef" || name == "std::array" || name == "std::initializer_list") &&
      args.size() >= 1 && args[0].getKind() == TemplateArgument::Type)
    return args[0].getAsType();
  if (name == "torch::ExpandingArray") return args.size() >= 2 ? args[1].getAsType() : QualType();
  return {};
}

// A C++ expression of type `t` for a JSON value: numbers, bools and strings as
// literals, arrays as braced lists, objects as a struct whose named members
// are set (the rest keep their initialisers).
std::string literal(ASTContext& ctx, const nlohmann::json& v, QualType t) {
  QualType plain = t.isNull() ? t : t.getNonReferenceType().getUnqualifiedType();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) {
    if (!plain.isNull() && plain->isFloatingType()) return std::to_string(v.get<int64_t>()) + ".0";
    return std::to_string(v.get<int64_t>()) + "LL";
  }
  if (v.is_number_float()) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v.get<double>());
    std::string s = buf;
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
  }
  if (v.is_string()) return cpp_string(v.get<std::string>());
  if (v.is_array()) {
    QualType element = plain.isNull() ? QualType() : element_type(plain);
    std::string out = "{";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + literal(ctx, v[i], element);
    return out + "}";
  }
  if (v.is_object() && !plain.isNull()) {
    std::string type = spelled_type(ctx, plain);
    std::string out = "[] { " + type + " value{}; ";
    for (const auto& [key, item] : v.items()) {
      const FieldDecl* f = public_member(plain, key);
      out += "value." + key + " = " + literal(ctx, item, f ? f->getType() : QualType()) + "; ";
    }
    return out + "return value; }()";
  }
  return "{}";
}

bool is_integer_parameter(QualType t) {
  t = t.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  return t->isIntegerType() && !t->isEnumeralType();
}

// A default argument's text: Clang's range for a braced default starts at
// the '=' of `p = {...}`.
std::string default_text(ASTContext& ctx, const ParmVarDecl* p) {
  std::string text = source_text(ctx, p->getDefaultArgRange());
  size_t start = text.find_first_not_of(" \t\n");
  if (start != std::string::npos && text[start] == '=') text = text.substr(text.find_first_not_of(" \t\n", start + 1));
  return text;
}

// Whether `e` builds a value with no arguments at all (`{}`, `T()`, `T{}`):
// then every member keeps its default member initialiser.
bool is_value_initialization(const Expr* e) {
  for (;;) {
    e = e->IgnoreImplicit();
    if (const auto* cast = dyn_cast<CXXFunctionalCastExpr>(e))
      e = cast->getSubExpr();
    else if (const auto* paren = dyn_cast<ParenExpr>(e))
      e = paren->getSubExpr();
    else
      break;
  }
  if (const auto* list = dyn_cast<InitListExpr>(e)) {
    const InitListExpr* written = list->getSyntacticForm() ? list->getSyntacticForm() : list;
    return written->getNumInits() == 0;
  }
  if (const auto* construct = dyn_cast<CXXConstructExpr>(e)) return construct->getNumArgs() == 0;
  return isa<CXXScalarValueInitExpr, ImplicitValueInitExpr>(e);
}

// Where a default's value is written: the constant it names (`= kWidth`,
// declared in the model's code), else the default itself. A changed default
// is reported there, where the edit was made.
std::optional<Location> default_location(ASTContext& ctx, const Expr* value, SourceLocation written) {
  const SourceManager& sm = ctx.getSourceManager();
  if (const auto* ref = dyn_cast<DeclRefExpr>(value->IgnoreParenImpCasts()))
    if (const auto* constant = dyn_cast<VarDecl>(ref->getDecl()))
      if (constant->getInit() && !sm.isInSystemHeader(constant->getLocation()))
        return analysis::location_at(sm, constant->getLocation());
  return analysis::location_at(sm, written);
}

// A config struct whose members a plan may set one by one: it has no
// user-written default constructor that could change them.
const CXXRecordDecl* plain_config_struct(QualType t) {
  const CXXRecordDecl* record = t.getNonReferenceType()->getAsCXXRecordDecl();
  if (!record || !record->hasDefinition()) return nullptr;
  record = record->getDefinition();
  if (record->hasUserProvidedDefaultConstructor() || record->isPolymorphic()) return nullptr;
  return record;
}

// An integer or bool member of a config struct, by its path from the struct
// ("width", or "encoder.width" inside a nested config struct).
struct ConfigField {
  std::string path;
  const FieldDecl* field;
};

// The members a plan may set one by one: public, not const, with a default
// member initialiser of known value; a nested config struct's too, when the
// outer struct leaves it to its own initialisers (no initialiser of its own).
std::vector<ConfigField> settable_config_fields(ASTContext& ctx, QualType t, const std::string& prefix = "",
                                                int depth = 0) {
  const CXXRecordDecl* record = plain_config_struct(t);
  if (!record || depth > 3) return {};
  std::vector<ConfigField> out;
  for (const FieldDecl* f : record->fields()) {
    if (f->getAccess() != AS_public || f->isBitField() || f->getType().isConstQualified()) continue;
    const Expr* init = f->getInClassInitializer();
    std::string path = prefix + f->getNameAsString();
    Expr::EvalResult value;
    if (is_integer_parameter(f->getType())) {
      if (init && !init->isValueDependent() && init->EvaluateAsInt(value, ctx)) out.push_back({path, f});
    } else if (!init || is_value_initialization(init)) {
      for (ConfigField& inner : settable_config_fields(ctx, f->getType(), path + ".", depth + 1))
        out.push_back(std::move(inner));
    }
  }
  return out;
}

}  // namespace

const FieldDecl* public_member(QualType t, llvm::StringRef path) {
  auto [name, rest] = path.split('.');
  const CXXRecordDecl* record = t.getNonReferenceType()->getAsCXXRecordDecl();
  if (!record || !record->hasDefinition()) return nullptr;
  for (const FieldDecl* f : record->getDefinition()->fields())
    if (f->getName() == name && f->getAccess() == AS_public)
      return rest.empty() ? f : public_member(f->getType(), rest);
  return nullptr;
}

std::string source_text(ASTContext& ctx, SourceRange range) {
  const SourceManager& sm = ctx.getSourceManager();
  return Lexer::getSourceText(CharSourceRange::getTokenRange(sm.getExpansionRange(range).getAsRange()), sm,
                              ctx.getLangOpts())
      .str();
}

std::string spelled_type(ASTContext& ctx, QualType t) {
  PrintingPolicy policy(ctx.getLangOpts());
  policy.FullyQualifiedName = true;
  policy.SuppressScope = false;
  policy.PrintCanonicalTypes = true;
  policy.SuppressUnwrittenScope = true;
  return t.getUnqualifiedType().getCanonicalType().getAsString(policy);
}

std::optional<ConstructionPlan> plan_constructor_call(ASTContext& ctx, const CXXRecordDecl* root,
                                                      const CXXConstructorDecl* ctor,
                                                      const ConstructionRequest& request,
                                                      std::vector<Diagnostic>& diagnostics) {
  ConstructionPlan plan;
  plan.root = analysis::qualified_name(root);
  std::string type = spelled_type(ctx, ctx.getRecordType(root));
  const SourceManager& sm = ctx.getSourceManager();
  auto add_symbol = [&](SpecSymbol s, bool boolean) -> std::string {
    std::string argument;
    if (s.symbolic) {
      int index =
          static_cast<int>(std::count_if(plan.argument.begin(), plan.argument.end(), [](int a) { return a >= 0; }));
      plan.argument.push_back(index);
      argument = "::ckptcheck_arg_int(" + std::to_string(index) + ")";
    } else {
      plan.argument.push_back(-1);
    }
    plan.boolean.push_back(boolean);
    plan.symbols.push_back(std::move(s));
    return argument;
  };
  // A config struct parameter (`const NetConfig& cfg = {}`) whose members
  // are set one by one: by --arg cfg.width=..., and, under symbolic defaults
  // when the default builds it from its member initialisers, as symbols
  // named "cfg.width", so a changed member default is found at its line.
  auto given_members = [&](const ParmVarDecl* p) {
    std::vector<std::pair<std::string, std::string>> given;
    std::string prefix = p->getNameAsString() + ".";
    for (const auto& [key, value] : request.args)
      if (key.rfind(prefix, 0) == 0) given.emplace_back(key.substr(prefix.size()), value);
    return given;
  };
  auto symbolic_members = [&](const ParmVarDecl* p) {
    std::vector<ConfigField> symbolic;
    const Expr* default_arg = analysis::default_argument(p);
    bool from_initialisers = default_arg ? is_value_initialization(default_arg) : true;
    std::vector<std::pair<std::string, std::string>> given = given_members(p);
    if (!request.symbolic_defaults || !from_initialisers || (!default_arg && given.empty())) return symbolic;
    for (ConfigField& f : settable_config_fields(ctx, p->getType())) {
      // Given itself, or inside a member given whole (--arg cfg.encoder='{"width":8}').
      bool set = std::any_of(given.begin(), given.end(),
                             [&](const auto& g) { return f.path == g.first || f.path.rfind(g.first + ".", 0) == 0; });
      if (!set) symbolic.push_back(std::move(f));
    }
    return symbolic;
  };
  auto sets_members = [&](const ParmVarDecl* p) {
    return !is_integer_parameter(p->getType()) && (!given_members(p).empty() || !symbolic_members(p).empty());
  };
  auto member_settings = [&](const ParmVarDecl* p) {
    std::string settings;
    for (const auto& [member, value] : given_members(p)) {
      const FieldDecl* f = public_member(p->getType(), member);
      settings += "value." + member + " = " + literal(ctx, parse_arg(value), f ? f->getType() : QualType()) + "; ";
    }
    for (const auto& [path, f] : symbolic_members(p)) {
      const Expr* init = f->getInClassInitializer();
      Expr::EvalResult value;
      (void)init->EvaluateAsInt(value, ctx);
      SpecSymbol s;
      s.name = p->getNameAsString() + "." + path;
      s.default_value = source_text(ctx, init->getSourceRange());
      s.default_number = value.Val.getInt().getExtValue();
      s.location = default_location(ctx, init, init->getBeginLoc());
      s.symbolic = true;
      bool boolean = f->getType().getCanonicalType()->isBooleanType();
      settings += "value." + path + " = " + add_symbol(std::move(s), boolean) + "; ";
    }
    return settings;
  };
  std::vector<std::string> arguments;
  // Defaulted trailing parameters are left out; one before a given argument
  // is written out (its default's own text, or its value).
  size_t last_needed = 0;
  for (size_t i = 0; i < ctor->getNumParams(); ++i) {
    const ParmVarDecl* p = ctor->getParamDecl(i);
    bool defaulted = analysis::default_argument(p) != nullptr;
    bool given = request.args.count(p->getNameAsString()) > 0;
    Expr::EvalResult value;
    bool known_default = defaulted && !analysis::default_argument(p)->isValueDependent() &&
                         analysis::default_argument(p)->EvaluateAsInt(value, ctx);
    bool symbol = is_integer_parameter(p->getType()) && (!known_default || request.symbolic_defaults);
    if (given || !defaulted || symbol || sets_members(p)) last_needed = i + 1;
  }
  for (size_t i = 0; i < ctor->getNumParams(); ++i) {
    const ParmVarDecl* p = ctor->getParamDecl(i);
    std::string name = p->getNameAsString();
    const Expr* default_arg = analysis::default_argument(p);
    auto given = request.args.find(name);
    if (given != request.args.end()) {
      arguments.push_back(literal(ctx, parse_arg(given->second), p->getType()));
      continue;
    }
    if (is_integer_parameter(p->getType())) {
      SpecSymbol s;
      s.name = name;
      s.location = analysis::location_at(sm, p->getLocation());
      if (default_arg) {
        s.default_value = default_text(ctx, p);
        Expr::EvalResult value;
        if (!default_arg->isValueDependent() && default_arg->EvaluateAsInt(value, ctx)) {
          s.default_number = value.Val.getInt().getExtValue();
          s.location = default_location(ctx, default_arg, p->getLocation());
        }
        s.symbolic = request.symbolic_defaults || !s.default_number;
      }
      int64_t fixed = s.default_number.value_or(0);
      std::string argument =
          add_symbol(std::move(s), p->getType().getNonReferenceType().getCanonicalType()->isBooleanType());
      if (!argument.empty())
        arguments.push_back(argument);
      else if (i < last_needed)
        arguments.push_back(std::to_string(fixed) + "LL");
      continue;
    }
    if (sets_members(p)) {
      std::string value_type = spelled_type(ctx, p->getType().getNonReferenceType());
      std::string start = default_arg && !is_value_initialization(default_arg)
                              ? value_type + " value = " + default_text(ctx, p) + "; "
                              : value_type + " value{}; ";
      arguments.push_back("[] { " + start + member_settings(p) + "return value; }()");
      continue;
    }
    if (default_arg) {
      if (i < last_needed) arguments.push_back(default_text(ctx, p));
      continue;
    }
    diagnostics.push_back(analysis::to_diagnostic(
        analysis::ArgumentWithoutDefault{.root = plan.root,
                                         .parameter = name,
                                         .type = spelled_type(ctx, p->getType()),
                                         .location = analysis::location_at(sm, p->getLocation())}));
    return std::nullopt;
  }
  std::string list;
  for (const std::string& a : arguments) list += (list.empty() ? "" : ", ") + a;
  // Not make_shared: braced arguments ({64, 128}) cannot be forwarded.
  plan.expression = "std::shared_ptr<" + type + ">(new " + type + "(" + list + "))";
  std::string signature;
  for (const ParmVarDecl* p : ctor->parameters())
    signature += (signature.empty() ? "" : ", ") + source_text(ctx, p->getSourceRange());
  plan.how = plan.root + "(" + signature + ")";
  return plan;
}

ConstructionPlan plan_expression(const std::string& expression) {
  ConstructionPlan plan;
  plan.expression = expression;
  plan.how = "--construct '" + expression + "'";
  return plan;
}

}  // namespace ckptcheck::exec
