#include "source_index.h"

#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Lex/Lexer.h>

#include "../interpreter.h"

namespace ckptcheck::exec {
namespace {

using namespace clang;

// Whitespace folded to single spaces, and long text cut, for messages.
std::string folded(StringRef text) {
  std::string out;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  constexpr size_t kLongest = 160;
  if (out.size() > kLongest) out = out.substr(0, kLongest - 3) + "...";
  return out;
}

class Collector : public RecursiveASTVisitor<Collector> {
 public:
  Collector(ASTContext& ctx, analysis::UserCode& user_code, std::map<std::tuple<std::string, int, int>, std::string>& out)
      : ctx_(ctx), user_code_(user_code), out_(out) {}
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl* d) {
    if (d && !isa<TranslationUnitDecl>(d) && !user_code_.contains(ctx_.getSourceManager(), d).value_or(false)) return true;
    return RecursiveASTVisitor::TraverseDecl(d);
  }
  bool TraverseConstructorInitializer(CXXCtorInitializer* init) {
    if (init->isWritten()) put(init->getSourceLocation(), init->getSourceRange(), /*replace=*/true);
    return RecursiveASTVisitor::TraverseConstructorInitializer(init);
  }
  bool VisitCallExpr(CallExpr* e) {
    // A registration of a tensor: what decides the shape is the tensor.
    if (auto* member = dyn_cast<CXXMemberCallExpr>(e); member && member->getMethodDecl() && e->getNumArgs() >= 2) {
      std::string name = member->getMethodDecl()->getNameAsString();
      if (name == "register_parameter" || name == "register_buffer") {
        put(e->getExprLoc(), e->getArg(1)->getSourceRange(), false);
        put(e->getBeginLoc(), e->getArg(1)->getSourceRange(), false);
        return true;
      }
    }
    put(e->getExprLoc(), e->getSourceRange(), false);
    put(e->getBeginLoc(), e->getSourceRange(), false);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr* e) {
    put(e->getExprLoc(), e->getSourceRange(), false);
    put(e->getBeginLoc(), e->getSourceRange(), false);
    return true;
  }

 private:
  void put(SourceLocation key, SourceRange range, bool replace) {
    if (key.isInvalid() || range.isInvalid()) return;
    auto where = analysis::location_at(ctx_.getSourceManager(), key);
    if (!where) return;
    const SourceManager& sm = ctx_.getSourceManager();
    StringRef text = Lexer::getSourceText(CharSourceRange::getTokenRange(sm.getExpansionRange(range).getAsRange()), sm,
                                          ctx_.getLangOpts());
    if (text.empty()) return;
    auto k = std::make_tuple(where->file, where->line, where->column);
    if (replace) out_[k] = folded(text);
    else out_.try_emplace(k, folded(text));
  }
  ASTContext& ctx_;
  analysis::UserCode& user_code_;
  std::map<std::tuple<std::string, int, int>, std::string>& out_;
};

}  // namespace

SourceIndex::SourceIndex(ASTContext& ctx, Decl* program, analysis::UserCode& user_code) {
  Collector(ctx, user_code, texts_).TraverseDecl(program);
}

std::string SourceIndex::at(const Location& where) const {
  auto it = texts_.find({where.file, where.line, where.column});
  return it == texts_.end() ? std::string() : it->second;
}

}  // namespace ckptcheck::exec
