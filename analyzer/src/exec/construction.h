// How the root is constructed: the C++ expression the generated entry point
// evaluates. It is --construct's expression when given; otherwise a call of
// the root's constructor with --arg values (JSON turned into C++ literals of
// the parameter's type), defaults, and, for the integer parameters that are
// left, the run's values (ckptcheck_arg_int), so that one compiled entry
// serves every run and probe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>

#include "ckptcheck/rules/model_spec.h"

namespace ckptcheck::exec {

struct ConstructionPlan {
  std::string root;        // the root's qualified name, as the ModelSpec gives it
  std::string expression;  // C++ that builds it
  // The root's integer parameters without an --arg: symbols, whose value each
  // run chooses, and the ones that keep their default (`symbolic` false).
  std::vector<SpecSymbol> symbols;
  // For each of symbols, its argument index (ckptcheck_arg_int(i)) in the
  // construction, or -1 for one that keeps its default.
  std::vector<int> argument;
  // For each of symbols, whether the parameter is a bool (its values are 0 and 1).
  std::vector<bool> boolean;
  std::string how;  // for the user: "NetImpl(int64_t hidden = 64)", "--construct ..."
};

struct ConstructionRequest {
  std::map<std::string, std::string> args;  // --arg: name -> JSON literal (or plain text)
  bool symbolic_defaults = false;           // defaulted integers become symbols too
};

// A plan for running `ctor`. nullopt, with the reason in `diagnostics`, when a
// parameter has no value ckptcheck may choose (a struct without --arg).
std::optional<ConstructionPlan> plan_constructor_call(clang::ASTContext& ctx, const clang::CXXRecordDecl* root,
                                                      const clang::CXXConstructorDecl* ctor,
                                                      const ConstructionRequest& request,
                                                      std::vector<Diagnostic>& diagnostics);

// A plan for --construct EXPR.
ConstructionPlan plan_expression(const std::string& expression);

// The C++ type of `t` as it can be written anywhere (fully qualified).
std::string spelled_type(clang::ASTContext& ctx, clang::QualType t);

// The public data member of the struct or class `t` (a reference is looked
// through) at `path` ("width", "encoder.width"), or null: what
// `--arg PARAMETER.MEMBER=VALUE` may set.
const clang::FieldDecl* public_member(clang::QualType t, llvm::StringRef path);

// The source text of `range`; a macro is read at its expansion site.
std::string source_text(clang::ASTContext& ctx, clang::SourceRange range);

}  // namespace ckptcheck::exec
