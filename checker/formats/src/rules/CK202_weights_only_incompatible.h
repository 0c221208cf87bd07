// CK202 weights-only-incompatible: the pickle names globals that are harmless
// but outside the set torch.load(weights_only=True) accepts, so that loader
// refuses the file. Decided in torch_object_walk.cpp; the refused names also
// reach the Inventory (weights_only_refused) for the loader table.
// Page: docs/rules/CK202.md. Case: tests/rules/CK202_weights_only_incompatible/.
#pragma once

#include <string>
#include <vector>

#include "ckptcheck/rules/diagnostic.h"

namespace ckptcheck {

struct WeightsOnlyRefusal {
  const std::vector<std::string>& refused;  // dotted names, in the order the pickle names them
};

Diagnostic to_diagnostic(const WeightsOnlyRefusal& fact);

}  // namespace ckptcheck
