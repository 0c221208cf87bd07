#include "construction_sites.h"

#include <algorithm>
#include <set>

#include <clang/AST/RecursiveASTVisitor.h>

#include "../interpreter.h"
#include "construction.h"

namespace ckptcheck::exec {
namespace {

using namespace clang;

bool is_root(const CXXRecordDecl* record, const CXXRecordDecl* root) {
  if (!record) return false;
  record = record->getCanonicalDecl();
  if (record == root->getCanonicalDecl()) return true;
  const CXXRecordDecl* impl = analysis::holder_impl(record);
  return impl && impl->getCanonicalDecl() == root->getCanonicalDecl();
}

// The local variables an expression or statement reads, and whether it reads
// a parameter of the function.
struct Uses {
  std::vector<const VarDecl*> locals;
  bool parameter = false;
};

class UseCollector : public RecursiveASTVisitor<UseCollector> {
 public:
  explicit UseCollector(Uses& uses) : uses_(uses) {}
  bool VisitDeclRefExpr(DeclRefExpr* e) {
    if (isa<ParmVarDecl>(e->getDecl())) uses_.parameter = true;
    else if (auto* v = dyn_cast<VarDecl>(e->getDecl()); v && v->hasLocalStorage()) uses_.locals.push_back(v);
    return true;
  }

 private:
  Uses& uses_;
};

Uses uses_of(Stmt* s) {
  Uses uses;
  UseCollector(uses).TraverseStmt(s);
  return uses;
}

class Finder : public RecursiveASTVisitor<Finder> {
 public:
  Finder(ASTContext& ctx, const CXXRecordDecl* root, analysis::UserCode& user_code, std::vector<FoundConstruction>& out)
      : ctx_(ctx), root_(root), user_code_(user_code), out_(out) {}

  bool TraverseDecl(Decl* d) {
    if (d && !isa<TranslationUnitDecl>(d) && !user_code_.contains(ctx_.getSourceManager(), d).value_or(false)) return true;
    return RecursiveASTVisitor::TraverseDecl(d);
  }
  bool TraverseFunctionDecl(FunctionDecl* f) {
    // Free functions only: in a method of a module class the root would be
    // a submodule, and there its arguments are the enclosing class's.
    if (!f->doesThisDeclarationHaveABody() || isa<CXXMethodDecl>(f)) return true;
    function_ = f;
    body_ = dyn_cast<CompoundStmt>(f->getBody());
    bool ok = RecursiveASTVisitor::TraverseFunctionDecl(f);
    function_ = nullptr;
    return ok;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr* e) {
    if (!function_ || !body_) return true;
    const CXXConstructorDecl* ctor = e->getConstructor();
    if (!ctor || ctor->isCopyOrMoveConstructor() || !is_root(ctor->getParent(), root_)) return true;
    std::vector<const Expr*> args;
    for (const Expr* a : e->arguments()) {
      if (isa<CXXDefaultArgExpr>(a)) break;
      if (a->getType()->isNullPtrType()) return true;  // an empty holder: Net net{nullptr}
      args.push_back(a);
    }
    std::string type = spelled_type(ctx_, e->getType());
    bool braces = e->isListInitialization();
    add(e, type + (braces ? "{" : "(") + joined(args) + (braces ? "}" : ")"), e->getBeginLoc());
    return true;
  }
  bool VisitCallExpr(CallExpr* e) {
    // std::make_shared<NetImpl>(...): the construction itself is in libstdc++.
    const FunctionDecl* callee = e->getDirectCallee();
    if (!function_ || !body_ || !callee || callee->getName() != "make_shared") return true;
    const TemplateArgumentList* targs = callee->getTemplateSpecializationArgs();
    if (!targs || targs->size() < 1 || targs->get(0).getKind() != TemplateArgument::Type) return true;
    QualType made = targs->get(0).getAsType();
    if (!is_root(made->getAsCXXRecordDecl(), root_)) return true;
    std::vector<const Expr*> args(e->arg_begin(), e->arg_end());
    add(e, "std::make_shared<" + spelled_type(ctx_, made) + ">(" + joined(args) + ")", e->getBeginLoc());
    return true;
  }

 private:
  std::string joined(const std::vector<const Expr*>& args) {
    std::string out;
    for (const Expr* a : args) out += (out.empty() ? "" : ", ") + source_text(ctx_, a->getSourceRange());
    return out;
  }

  // The statements of the function's body before `at` that the construction
  // needs: the declarations of the locals it reads (and of those their
  // initialisers read), and the statements that set them up (cfg.width = 64).
  std::optional<std::string> prelude(Stmt* construction, SourceLocation at) {
    Uses needed = uses_of(construction);
    if (needed.parameter) return std::nullopt;
    std::set<const VarDecl*> wanted(needed.locals.begin(), needed.locals.end());
    const SourceManager& sm = ctx_.getSourceManager();
    std::vector<Stmt*> before;
    for (Stmt* s : body_->body())
      if (sm.isBeforeInTranslationUnit(s->getEndLoc(), at)) before.push_back(s);
    // Walk back: a statement is kept if it declares or touches a wanted
    // local; what it reads is wanted too.
    std::vector<Stmt*> kept;
    for (auto it = before.rbegin(); it != before.rend(); ++it) {
      Stmt* s = *it;
      bool declares = false;
      if (auto* decl = dyn_cast<DeclStmt>(s))
        for (Decl* d : decl->decls()) declares |= wanted.count(dyn_cast<VarDecl>(d)) > 0;
      Uses uses = uses_of(s);
      bool touches = std::any_of(uses.locals.begin(), uses.locals.end(), [&](const VarDecl* v) { return wanted.count(v); });
      if (!declares && !(touches && isa<Expr>(s))) continue;
      if (uses.parameter) return std::nullopt;
      wanted.insert(uses.locals.begin(), uses.locals.end());
      kept.push_back(s);
    }
    std::string out;
    for (auto it = kept.rbegin(); it != kept.rend(); ++it) {
      std::string text = source_text(ctx_, (*it)->getSourceRange());
      out += text + (isa<Expr>(*it) || text.empty() || text.back() != ';' ? ";" : "") + " ";
    }
    return out;
  }

  void add(Stmt* construction, const std::string& written, SourceLocation at) {
    auto setup = prelude(construction, at);
    if (!setup) return;
    auto location = analysis::location_at(ctx_.getSourceManager(), at);
    if (!location) return;
    std::string scope;
    for (const DeclContext* dc = function_->getDeclContext(); dc; dc = dc->getParent())
      if (auto* ns = dyn_cast<NamespaceDecl>(dc); ns && !ns->isAnonymousNamespace())
        scope = "using namespace " + analysis::qualified_name(ns) + "; ";
    std::string expression =
        setup->empty() && scope.empty() ? written : "[]() { " + scope + *setup + "return " + written + "; }()";
    out_.push_back({expression, written, function_->getNameAsString(), *location});
  }

  ASTContext& ctx_;
  const CXXRecordDecl* root_;
  analysis::UserCode& user_code_;
  std::vector<FoundConstruction>& out_;
  const FunctionDecl* function_ = nullptr;
  CompoundStmt* body_ = nullptr;
};

}  // namespace

std::vector<FoundConstruction> find_constructions(ASTContext& ctx, Decl* program, const CXXRecordDecl* root,
                                                  analysis::UserCode& user_code) {
  std::vector<FoundConstruction> found;
  Finder(ctx, root, user_code, found).TraverseDecl(program);
  std::stable_partition(found.begin(), found.end(), [](const FoundConstruction& f) { return f.function == "main"; });
  return found;
}

}  // namespace ckptcheck::exec
