#include "loader_calls.h"

#include <clang/AST/RecursiveASTVisitor.h>

#include "interpreter.h"

namespace ckptcheck::analysis {
namespace {

using namespace clang;

// The loader a callee is, in the spelling of LoaderSupport::loader; "" for
// anything else. torch::jit::pickle_load is the function torch::pickle_load
// forwards to, so both count as torch::pickle_load.
std::string loader_name(const FunctionDecl* fn) {
  std::string q = qualified_name(fn);
  if (q == "torch::load" || q == "torch::jit::load" || q == "torch::pickle_load") return q;
  if (q == "torch::jit::pickle_load") return "torch::pickle_load";
  if (q == "torch::serialize::InputArchive::load_from") return q;
  return {};
}

class LoaderCallVisitor : public RecursiveASTVisitor<LoaderCallVisitor> {
 public:
  LoaderCallVisitor(ASTContext& ctx, const std::function<bool(const Decl*)>& in_user_code,
                    std::vector<SpecLoader>& out)
      : sm_(ctx.getSourceManager()), in_user_code_(in_user_code), out_(out) {}

  bool TraverseFunctionDecl(FunctionDecl* d) { return in(d, [&] { return RecursiveASTVisitor::TraverseFunctionDecl(d); }); }
  bool TraverseCXXMethodDecl(CXXMethodDecl* d) { return in(d, [&] { return RecursiveASTVisitor::TraverseCXXMethodDecl(d); }); }
  bool TraverseCXXConstructorDecl(CXXConstructorDecl* d) {
    return in(d, [&] { return RecursiveASTVisitor::TraverseCXXConstructorDecl(d); });
  }

  bool VisitCallExpr(CallExpr* e) {
    if (!user_) return true;
    const FunctionDecl* fn = e->getDirectCallee();
    if (!fn) return true;
    std::string name = loader_name(fn);
    if (!name.empty()) out_.push_back(SpecLoader{name, location_at(sm_, e->getBeginLoc())});
    return true;
  }

 private:
  template <typename F>
  bool in(const Decl* d, F traverse) {
    bool outer = user_;
    user_ = d->hasBody() && in_user_code_(d);
    bool ok = traverse();
    user_ = outer;
    return ok;
  }

  SourceManager& sm_;
  const std::function<bool(const Decl*)>& in_user_code_;
  std::vector<SpecLoader>& out_;
  bool user_ = false;
};

}  // namespace

std::vector<SpecLoader> find_loader_calls(ASTContext& ctx, const std::function<bool(const Decl*)>& in_user_code) {
  std::vector<SpecLoader> out;
  LoaderCallVisitor(ctx, in_user_code, out).TraverseDecl(ctx.getTranslationUnitDecl());
  return out;
}

}  // namespace ckptcheck::analysis
