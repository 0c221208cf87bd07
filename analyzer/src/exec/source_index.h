// The source text of the model's expressions by location, so that a
// registration found at file:line:column through the line tables can quote
// the C++ that decides its shape ("fc1(8 * 4 * 4, hidden)", or the tensor a
// register_parameter call registers).
#pragma once

#include <map>
#include <string>
#include <tuple>

#include <clang/AST/ASTContext.h>

#include "../module_index.h"

namespace ckptcheck::exec {

class SourceIndex {
 public:
  SourceIndex(clang::ASTContext& ctx, clang::Decl* program, analysis::UserCode& user_code);
  // The text of the outermost expression that starts (or is called) at
  // `where`; empty if there is none.
  std::string at(const Location& where) const;

 private:
  std::map<std::tuple<std::string, int, int>, std::string> texts_;
};

}  // namespace ckptcheck::exec
