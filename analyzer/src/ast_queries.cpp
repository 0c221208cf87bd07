// Questions the static engine asks about declarations and expressions: is
// this a module class, which layer is it, what default does a parameter have,
// where is it in the source (declared in interpreter.h).
#include "interpreter.h"

#include <algorithm>
#include <filesystem>

#include <clang/AST/Decl.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>

namespace ckptcheck::analysis {

using namespace clang;

const Expr* default_argument(const ParmVarDecl* p) {
  // A template's member instantiated late has its default arguments still as
  // written in the template.
  if (p->hasUninstantiatedDefaultArg()) return p->getUninstantiatedDefaultArg();
  return p->getDefaultArg();
}

// Conversions that change a number's value or kind (2.5 -> 2, 3 -> 3.0, n -> bool).
bool is_numeric_conversion(const Expr* e) {
  auto* cast = dyn_cast<CastExpr>(e);
  if (!cast) return false;
  switch (cast->getCastKind()) {
    case CK_FloatingToIntegral:
    case CK_IntegralToFloating:
    case CK_IntegralToBoolean:
    case CK_FloatingToBoolean: return true;
    default: return false;
  }
}

const Expr* skip_implicit(const Expr* e) {
  while (e) {
    e = e->IgnoreParens();
    if (is_numeric_conversion(e)) break;  // changes the value: eval() does it
    if (auto* c = dyn_cast<ExprWithCleanups>(e))
      e = c->getSubExpr();
    else if (auto* m = dyn_cast<MaterializeTemporaryExpr>(e))
      e = m->getSubExpr();
    else if (auto* b = dyn_cast<CXXBindTemporaryExpr>(e))
      e = b->getSubExpr();
    else if (auto* i = dyn_cast<ImplicitCastExpr>(e))
      e = i->getSubExpr();
    else if (auto* k = dyn_cast<ConstantExpr>(e))
      e = k->getSubExpr();
    else if (auto* d = dyn_cast<CXXDefaultArgExpr>(e))
      e = d->getExpr();
    else if (auto* d2 = dyn_cast<CXXDefaultInitExpr>(e))
      e = d2->getExpr();
    else if (auto* f = dyn_cast<CXXFunctionalCastExpr>(e);
             f && !isa<CXXConstructExpr>(f->getSubExpr()->IgnoreImplicit()))
      e = f->getSubExpr();
    else if (auto* f2 = dyn_cast<CXXFunctionalCastExpr>(e))
      e = f2->getSubExpr();
    else if (auto* s = dyn_cast<CStyleCastExpr>(e))
      e = s->getSubExpr();
    else if (auto* s2 = dyn_cast<CXXStaticCastExpr>(e))
      e = s2->getSubExpr();
    else
      break;
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
  return fn && !fn->isInStdNamespace() && !fn->getASTContext().getSourceManager().isInSystemHeader(fn->getLocation()) &&
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

}  // namespace ckptcheck::analysis
