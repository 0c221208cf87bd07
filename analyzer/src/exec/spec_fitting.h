// The fitting half of symbol inference (symbol_inference.h): from the
// listings of several exact runs at known argument values, the ModelSpec over
// the arguments that each of them is an instance of. Names are split into
// their digit runs ("layers.3.fc1.weight" is "layers.#.fc#.weight" with
// tokens 3, 1); each family of names gets repeated groups, conditions and
// shapes fitted as expressions over the arguments (fit.h), or is listed as in
// the first run with a note when no fit explains it.
#pragma once

#include <string>
#include <vector>

#include "ckptcheck/rules/model_spec.h"
#include "fit.h"

namespace ckptcheck::exec {

// One exact run: the argument values and what the model registered there.
struct ProbeRun {
  Assignment at;
  ModelSpec spec;
};

// The ModelSpec over `vars` that explains every run (runs.front() is the baseline).
ModelSpec fit_spec(const std::vector<ProbeRun>& runs, const std::vector<std::string>& vars);

}  // namespace ckptcheck::exec
