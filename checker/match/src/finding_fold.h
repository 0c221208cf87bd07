// Folds findings that say the same thing about each layer of a repeated
// stack into one: "layers.{0..11}.attn.weight" instead of twelve lines.
#pragma once

#include <vector>

#include "ckptcheck/match/report.h"

namespace ckptcheck {

// Folds within findings[first, end): same rule, severity, expected and actual,
// same message once the key is taken out, keys that differ only in numbers.
void fold_repeated_findings(std::vector<Diagnostic>& findings, size_t first);

}  // namespace ckptcheck
