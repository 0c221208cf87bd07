// CK501 analysis-incomplete, as the matcher raises it: the spec expands to
// more entries than are checked. (The analyzer raises CK501 for what it could
// not resolve; those arrive as the ModelSpec's diagnostics.)
// Page: docs/rules/CK501.md. Case: tests/rules/CK501_analysis_incomplete/.
#pragma once

#include "finding_context.h"

namespace ckptcheck {

struct ExpansionTruncated {
  size_t limit;  // entries checked
};

Diagnostic to_finding(const ExpansionTruncated& fact, const FindingContext& ctx);

}  // namespace ckptcheck
