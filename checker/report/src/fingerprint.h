// A finding's identity across runs, for SARIF's partialFingerprints and for
// baselines (ckptcheck/report/baseline.h).
#pragma once

#include <string>

#include "ckptcheck/rules/diagnostic.h"

namespace ckptcheck {

// 16 hex digits over the rule, the key and the checkpoint (for a finding
// about the model alone, the file it is in instead): the same on every
// machine and in every version, and the same when the code around the
// finding moves or its message is reworded.
std::string finding_fingerprint(const Diagnostic& finding);

}  // namespace ckptcheck
