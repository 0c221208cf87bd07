// CK502 ambiguous-root: the analyzer cannot tell which module class is the
// model: --class names none of them, there is none, or several are used by no
// other. Decided by pick_root() in module_index.cpp.
// Page: docs/rules/CK502.md. Case: tests/rules/CK502_ambiguous_root/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/rules/diagnostic.h"

namespace ckptcheck::analysis {

struct AmbiguousRoot {
  std::optional<std::string> wanted;    // --class, when given and not found
  std::vector<std::string> candidates;  // qualified names: every module class if `wanted`, else the possible roots
};

Diagnostic to_diagnostic(const AmbiguousRoot& fact);

}  // namespace ckptcheck::analysis
