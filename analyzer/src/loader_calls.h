// Which LibTorch loader the analysed code calls (torch::load, torch::jit::load,
// torch::pickle_load, InputArchive::load_from): CK601 checks the checkpoint
// against the loader the code really uses.
#pragma once

#include <functional>
#include <vector>

#include <clang/AST/ASTContext.h>

#include "ckptcheck/rules/model_spec.h"

namespace ckptcheck::analysis {

// Every call to a loader in the bodies of functions `in_user_code` accepts,
// in source order.
std::vector<SpecLoader> find_loader_calls(clang::ASTContext& ctx,
                                          const std::function<bool(const clang::Decl*)>& in_user_code);

}  // namespace ckptcheck::analysis
