// Reports built by hand for the renderer tests and the schema test: one per
// situation a renderer must handle, so both tests look at the same cases.
#pragma once

#include <cstddef>

#include "ckptcheck/match/report.h"
#include "ckptcheck/rules/model_spec.h"

namespace ckptcheck::samples {

// One checkpoint that matches: no findings, symbols of every origin.
Report clean();
// One of each: an error at a source location with notes and a fix (CK401)
// that both checkpoints have (also_in),
// an error about the checkpoint alone (CK302), a warning (CK307), a note
// (CK306) and model-only findings with (CK501) and without (CK502) a location.
Report breakage();
// Keys and messages with quotes, backslashes, control characters, pipes,
// backticks, non-ASCII and invalid UTF-8, as a hostile checkpoint may name them.
Report odd_keys();
// `infos` info findings followed by one error, to cut tables at.
Report many(size_t infos);
// A ModelSpec that uses every optional field of modelspec/v1.
ModelSpec model_spec();

}  // namespace ckptcheck::samples
