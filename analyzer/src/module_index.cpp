#include "module_index.h"

#include <algorithm>
#include <filesystem>

#include <clang/AST/RecursiveASTVisitor.h>

#include "interpreter.h"
#include "path_within.h"
#include "rules/CK502_ambiguous_root.h"

namespace ckptcheck::analysis {
namespace {

namespace fs = std::filesystem;
using namespace clang;

class IndexVisitor : public RecursiveASTVisitor<IndexVisitor> {
 public:
  IndexVisitor(ModuleIndex& index, UserCode& user_code, SourceManager& sm)
      : index_(index), user_code_(user_code), sm_(sm) {}

  // Instantiated class templates (ResNetImpl<Bottleneck>) are the module
  // classes; their patterns (ResNetImpl<Block>) are not.
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitCXXRecordDecl(CXXRecordDecl* d) {
    if (!d->isThisDeclarationADefinition() || d->isDependentContext() || !in_user_code(d)) return true;
    if (const CXXRecordDecl* impl = holder_impl(d)) {
      index_.holders[qualified_name(d)] = impl->getDefinition() ? impl->getDefinition() : impl;
      return true;
    }
    if (is_module_class(d) && std::find(index_.classes.begin(), index_.classes.end(), d) == index_.classes.end())
      index_.classes.push_back(d);
    return true;
  }
  bool VisitFieldDecl(FieldDecl* d) { return note_use(dyn_cast<CXXRecordDecl>(d->getParent()), d->getType()); }
  bool VisitCXXConstructExpr(CXXConstructExpr* e) { return note_construction(e->getType(), e->getBeginLoc()); }
  bool VisitCallExpr(CallExpr* e) {
    if (const FunctionDecl* fn = e->getDirectCallee())
      if (auto* args = fn->getTemplateSpecializationArgs();
          args && args->size() >= 1 && args->get(0).getKind() == TemplateArgument::Type)
        note_construction(args->get(0).getAsType(), e->getBeginLoc());
    return true;
  }
  bool TraverseFunctionDecl(FunctionDecl* f) {
    in_main_ = f->isMain();
    bool ok = RecursiveASTVisitor::TraverseFunctionDecl(f);
    in_main_ = false;
    return ok;
  }
  bool TraverseCXXMethodDecl(CXXMethodDecl* m) {
    current_ = m->getParent();
    bool ok = RecursiveASTVisitor::TraverseCXXMethodDecl(m);
    current_ = nullptr;
    return ok;
  }
  bool TraverseCXXConstructorDecl(CXXConstructorDecl* m) {
    current_ = m->getParent();
    bool ok = RecursiveASTVisitor::TraverseCXXConstructorDecl(m);
    current_ = nullptr;
    return ok;
  }

 private:
  bool in_user_code(const Decl* d) const { return user_code_.contains(sm_, d).value_or(false); }
  // The module class a type names: NetImpl for NetImpl, Net (its holder),
  // std::shared_ptr<NetImpl> or NetImpl*.
  static const CXXRecordDecl* module_named(QualType t) {
    if (t.isNull()) return nullptr;
    const CXXRecordDecl* used = t->getAsCXXRecordDecl();
    if (!used && t->isPointerType()) used = t->getPointeeCXXRecordDecl();
    if (auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(used);
        spec && qualified_name(spec) == "std::shared_ptr" && spec->getTemplateArgs().size() >= 1)
      used = spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
    if (const CXXRecordDecl* impl = holder_impl(used)) used = impl;
    if (used && used->getDefinition()) used = used->getDefinition();
    return used;
  }
  bool note_use(const CXXRecordDecl* user, QualType t) {
    // Only the model's classes count as users (ModuleHolder<NetImpl>'s member
    // does not make NetImpl part of another module).
    if (!user || !in_user_code(user)) return true;
    const CXXRecordDecl* used = module_named(t);
    const CXXRecordDecl* owner = user->getDefinition() ? user->getDefinition() : user;
    if (used && used != owner) index_.uses[owner].insert(used);
    return true;
  }
  // A module built inside a module's method is used by it; one built
  // elsewhere in the model's code (main(), a factory, a global) is built by
  // the program, which is what decides the root among unrelated modules.
  bool note_construction(QualType t, SourceLocation where) {
    if (current_) return note_use(current_, t);
    if (!user_code_.contains(sm_, where).value_or(false)) return true;
    if (const CXXRecordDecl* built = module_named(t))
      (in_main_ ? index_.built_in_main : index_.built_elsewhere).insert(built);
    return true;
  }

  ModuleIndex& index_;
  UserCode& user_code_;
  SourceManager& sm_;
  const CXXRecordDecl* current_ = nullptr;
  bool in_main_ = false;
};

// "ResNetImpl<ResidualBlock>" for a class template's instance, as --class may name it.
std::string name_with_arguments(const CXXRecordDecl* c) {
  PrintingPolicy policy(c->getASTContext().getLangOpts());
  policy.SuppressScope = false;
  policy.SuppressUnwrittenScope = true;
  return c->getASTContext().getRecordType(c).getAsString(policy);
}

}  // namespace

std::optional<bool> UserCode::contains(const SourceManager& sm, const Decl* d) {
  return contains(sm, d->getLocation());
}

std::optional<bool> UserCode::contains(const SourceManager& sm, SourceLocation where) {
  SourceLocation loc = sm.getExpansionLoc(where);
  FileID id = sm.getFileID(loc);
  if (auto it = by_file_.find(id); it != by_file_.end()) return it->second;
  std::optional<bool> answer;
  if (auto file = sm.getFilename(loc); !file.empty()) answer = contains_file(file.str());
  by_file_.emplace(id, answer);
  return answer;
}

bool UserCode::contains_file(const std::string& path) const {
  std::error_code ec;
  const std::string p = fs::weakly_canonical(fs::absolute(path), ec).string();
  auto under = [&](const std::string& dir) { return path_within(p, dir); };
  if (std::any_of(scope_.excluded.begin(), scope_.excluded.end(), under)) return false;
  if (scope_.dirs.count(fs::path(p).parent_path().string())) return true;
  return std::any_of(scope_.roots.begin(), scope_.roots.end(), under);
}

ModuleIndex index_modules(Decl* tu, UserCode& user_code, SourceManager& sm) {
  ModuleIndex index;
  IndexVisitor(index, user_code, sm).TraverseDecl(tu);
  return index;
}

const CXXRecordDecl* pick_root(const ModuleIndex& index, const std::optional<std::string>& root_class,
                               std::vector<Diagnostic>& diagnostics) {
  if (root_class) {
    const std::string& want = *root_class;
    auto matches = [&](const std::string& q) {
      return q == want || (q.size() > want.size() && q.compare(q.size() - want.size(), want.size(), want) == 0 &&
                           q[q.size() - want.size() - 1] == ':');
    };
    for (const auto& [holder, impl] : index.holders)
      if (matches(holder)) return impl;
    for (const CXXRecordDecl* c : index.classes)
      if (matches(qualified_name(c)) || matches(name_with_arguments(c))) return c;
    std::vector<std::string> known;
    for (const CXXRecordDecl* c : index.classes) known.push_back(qualified_name(c));
    diagnostics.push_back(to_diagnostic(AmbiguousRoot{.wanted = want, .candidates = std::move(known)}));
    return nullptr;
  }
  std::vector<const CXXRecordDecl*> roots;
  for (const CXXRecordDecl* c : index.classes) {
    bool used = false;
    for (const auto& [user, used_set] : index.uses) used |= user != c && used_set.count(c);
    // A class used as a base of another module is not a root either.
    for (const CXXRecordDecl* other : index.classes)
      if (other != c)
        for (const CXXBaseSpecifier& b : other->bases()) used |= b.getType()->getAsCXXRecordDecl() == c;
    if (!used) roots.push_back(c);
  }
  if (roots.size() == 1) return roots.front();
  // Several unrelated modules: the one main() builds, else the one the rest
  // of the program (a factory, a test) builds, when that is a single one.
  for (const std::set<const CXXRecordDecl*>* built : {&index.built_in_main, &index.built_elsewhere}) {
    std::vector<const CXXRecordDecl*> built_roots;
    for (const CXXRecordDecl* r : roots)
      if (built->count(r)) built_roots.push_back(r);
    if (built_roots.size() == 1) return built_roots.front();
  }
  std::vector<std::string> candidates;
  for (const CXXRecordDecl* r : roots) candidates.push_back(qualified_name(r));
  diagnostics.push_back(to_diagnostic(AmbiguousRoot{.wanted = std::nullopt, .candidates = std::move(candidates)}));
  return nullptr;
}

// One that does something beats an empty `NetImpl() {}` (kept so a holder can
// be default-constructed); a defined one beats a declared one.
static bool better_constructor(const CXXConstructorDecl* c, const CXXConstructorDecl* than) {
  auto empty = [](const CXXConstructorDecl* d) {
    const auto* body = llvm::dyn_cast_or_null<CompoundStmt>(d->getBody());
    return body && body->body_empty() && d->getNumCtorInitializers() == 0;
  };
  if (empty(than) != empty(c)) return empty(than);
  return !than->hasBody() && c->hasBody();
}

const CXXConstructorDecl* pick_constructor(const CXXRecordDecl* cls, const std::map<std::string, std::string>& args) {
  const CXXConstructorDecl* best = nullptr;
  for (const CXXConstructorDecl* c : cls->ctors()) {
    if (c->isCopyOrMoveConstructor() || c->isDeleted() || c->isImplicit()) continue;
    bool covers = true;
    for (const auto& [k, v] : args) {
      bool found = false;
      for (const ParmVarDecl* p : c->parameters()) found |= p->getName() == argument_parameter(k);
      covers &= found;
    }
    if (covers && (!best || better_constructor(c, best))) best = c;
  }
  if (!best)
    for (const CXXConstructorDecl* c : cls->ctors())
      if (!c->isCopyOrMoveConstructor() && !c->isDeleted()) return c;
  return best;
}

}  // namespace ckptcheck::analysis
