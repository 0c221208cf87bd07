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

// Which files are the model's own code, as absolute canonical paths: those
// directly in the directories of the analysed files, and those anywhere under
// the project's include directories, but never LibTorch's or meta LibTorch's
// headers (a project's -I may be a parent of them).
struct UserCodeScope {
  std::set<std::string> dirs;
  std::vector<std::string> roots;
  std::vector<std::string> excluded;
};

// Whether a declaration is in the model's own files rather than in LibTorch,
// the standard library or another installed library. The answer is kept per
// file, since it is asked for every function body and class.
class UserCode {
 public:
  explicit UserCode(UserCodeScope scope) : scope_(std::move(scope)) {}
  // nullopt for a declaration without a file (built-ins).
  std::optional<bool> contains(const clang::SourceManager& sm, const clang::Decl* d);
  std::optional<bool> contains(const clang::SourceManager& sm, clang::SourceLocation where);
  // For an absolute file path (from debug information).
  bool contains_file(const std::string& path) const;

 private:
  UserCodeScope scope_;
  std::map<clang::FileID, std::optional<bool>> by_file_;
};

struct ModuleIndex {
  std::vector<const clang::CXXRecordDecl*> classes;  // in source order
  std::map<const clang::CXXRecordDecl*, std::set<const clang::CXXRecordDecl*>> uses;
  std::map<std::string, const clang::CXXRecordDecl*> holders;  // TORCH_MODULE(Net): "Net" -> NetImpl
  // Module classes the program builds outside any module's methods.
  std::set<const clang::CXXRecordDecl*> built_in_main;
  std::set<const clang::CXXRecordDecl*> built_elsewhere;  // factories, tests, globals
};

// Indexes the declarations under `tu` (the whole translation unit, or one
// part of an incremental one).
ModuleIndex index_modules(clang::Decl* tu, UserCode& user_code, clang::SourceManager& sm);

// The root module class: the one --class names, or the one no other module
// uses or derives from; of several such, the only one main() builds, else the
// only one the rest of the program builds. nullptr with a CK502 diagnostic in
// `diagnostics` when that does not decide.
const clang::CXXRecordDecl* pick_root(const ModuleIndex& index, const std::optional<std::string>& root_class,
                                      std::vector<Diagnostic>& diagnostics);

// The parameter an --arg name binds: "cfg" for "cfg" and for "cfg.width"
// (one member of a config struct parameter).
inline std::string argument_parameter(const std::string& arg_name) { return arg_name.substr(0, arg_name.find('.')); }

// The constructor to run: one whose parameters cover every --arg name,
// preferring one with a body; else any that is not a copy or move.
const clang::CXXConstructorDecl* pick_constructor(const clang::CXXRecordDecl* cls,
                                                  const std::map<std::string, std::string>& args);

}  // namespace ckptcheck::analysis
