// CK404 symbol-conflict: one constructor argument is solved to different
// values by different entries, so no single value of it made the checkpoint.
// Page: docs/rules/CK404.md. Case: tests/rules/CK404_symbol_conflict/.
#pragma once

#include "../symbol_solver.h"
#include "ckptcheck/rules/model_spec.h"
#include "finding_context.h"

namespace ckptcheck {

struct ArgumentConflict {
  const SymbolConflict& conflict;
  const SpecSymbol* symbol;  // the argument in the spec, for its location; null when not found
};

Diagnostic to_finding(const ArgumentConflict& fact, const FindingContext& ctx);

}  // namespace ckptcheck
