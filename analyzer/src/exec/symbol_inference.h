// The ModelSpec over symbols, for constructor arguments nobody gave: the
// constructor is run at a few values of them (a baseline, each argument moved
// alone, all of them moved together, and the values in between where the
// entries change), and each dimension, each repeated group's extent and each
// entry's existence is fitted as a function of the arguments (fit.h).
// Everything a fit cannot explain is listed as it is at the baseline, with a
// note. The result is marked inferred: the check runs the constructor again
// at the values it concludes.
#pragma once

#include <vector>

#include "meta_session.h"

namespace ckptcheck::exec {

// `hints` are values worth trying first (a checkpoint's dimensions). Throws
// AnalysisFailure when the constructor fails at every baseline tried.
ModelSpec infer_symbolic_spec(MetaSession& session, const std::vector<int64_t>& hints = {});

// The values of plan.symbols' arguments at which to run when nothing else
// decides: defaults, else the first the constructor accepts. Throws
// AnalysisFailure when it accepts none.
std::vector<int64_t> baseline_arguments(MetaSession& session, const std::vector<int64_t>& hints = {});

}  // namespace ckptcheck::exec
