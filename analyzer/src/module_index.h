// Finding the model's module classes in the AST and choosing the root, for
// both engines: which classes are torch::nn::Module subclasses in the model's
// own files, which of them use which, which holder (TORCH_MODULE) names which
// Impl, and the constructor to run.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>
#include <clang/Basic/SourceManager.h>

#include "ckptcheck/rules/diagnostic.h"

namespace ckptcheck::analysis {

// Whether a declaration is in the model's own files (the directories of the
// analysed files) rather than in LibTorch or the standard library. The answer
// is kept per file, since it is asked for every function body and class.
class UserCode {
 public:
  explicit UserCode(std::set<std::string> dirs) : dirs_(std::move(dirs)) {}
  // nullopt for a declaration without a file (built-ins).
  std::optional<bool> contains(const clang::SourceManager& sm, const clang::Decl* d);
  // For an absolute file path (from debug information).
  bool contains_file(const std::string& path) const;

 private:
  std::set<std::string> dirs_;
  std::map<clang::FileID, std::optional<bool>> by_file_;
};

struct ModuleIndex {
  std::vector<const clang::CXXRecordDecl*> classes;  // in source order
  std::map<const clang::CXXRecordDecl*, std::set<const clang::CXXRecordDecl*>> uses;
  std::map<std::string, const clang::CXXRecordDecl*> holders;  // TORCH_MODULE(Net): "Net" -> NetImpl
};

// Indexes the declarations under `tu` (the whole translation unit, or one
// part of an incremental one).
ModuleIndex index_modules(clang::Decl* tu, UserCode& user_code, clang::SourceManager& sm);

// The root module class: the one --class names, or the one no other module
// uses or derives from. nullptr with a CK502 diagnostic in `diagnostics` when
// there is none or several.
const clang::CXXRecordDecl* pick_root(const ModuleIndex& index, const std::optional<std::string>& root_class,
                                      std::vector<Diagnostic>& diagnostics);

// The constructor to run: one whose parameters cover every --arg name,
// preferring one with a body; else any that is not a copy or move.
const clang::CXXConstructorDecl* pick_constructor(const clang::CXXRecordDecl* cls,
                                                  const std::map<std::string, std::string>& args);

}  // namespace ckptcheck::analysis
