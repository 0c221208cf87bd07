#include "CK501_analysis_incomplete.h"

namespace ckptcheck {

Diagnostic to_finding(const ExpansionTruncated& fact, const FindingContext& ctx) {
  Diagnostic f = ctx.start(RuleId::AnalysisIncomplete);
  f.message = "the model expands to more than " + std::to_string(fact.limit) + " entries; the rest were not checked";
  return f;
}

}  // namespace ckptcheck
