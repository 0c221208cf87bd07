#include "CK202_weights_only_incompatible.h"

#include "ckptcheck/rules/display.h"

namespace ckptcheck {

Diagnostic to_diagnostic(const WeightsOnlyRefusal& fact) {
  return Diagnostic::of(RuleId::WeightsOnlyIncompatible, "torch.load(weights_only=True) refuses this file: it needs " +
                                                             first_items(fact.refused, 8, "'"));
}

}  // namespace ckptcheck
