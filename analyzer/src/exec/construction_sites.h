// How the model's own code builds the root, for a root whose constructor
// needs objects ckptcheck cannot choose (a config struct, a backbone) and
// neither --arg nor --construct says: constructions of the root written in
// main(), a factory or a test, each turned into an expression that rebuilds it
// (the local declarations it uses replayed in a lambda).
#pragma once

#include <string>
#include <vector>

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>

#include "../module_index.h"

namespace ckptcheck::exec {

struct FoundConstruction {
  std::string expression;  // C++ that builds the root at namespace scope
  std::string written;     // as the code writes it: "Policy(space, base)"
  std::string function;    // where: "main"
  Location location;
};

// main()'s first, then the others in source order. Constructions that use a
// function parameter (a value only a caller knows) are left out.
std::vector<FoundConstruction> find_constructions(clang::ASTContext& ctx, clang::Decl* program,
                                                  const clang::CXXRecordDecl* root, analysis::UserCode& user_code);

}  // namespace ckptcheck::exec
