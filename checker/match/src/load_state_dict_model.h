// What Python's model.load_state_dict(state_dict, strict) (torch 1.13's
// Module.load_state_dict) does with a Python module that holds the entries the
// code defines, given the file's state dict: every module reads the keys under
// its prefix into its own parameters and persistent buffers; a key it lacks is
// a missing key, a key under its prefix whose first name is neither one of its
// entries nor one of its children is an unexpected key, another shape is a
// "size mismatch" error (raised even when not strict; but a 1-dimensional
// tensor is read into a 0-dimensional entry, as its first element), and
// another dtype is copied into the model's
// dtype. Strict, missing or unexpected keys raise too. The stories' truth
// (tests/check/agreement_test.py) runs the real method on the same pair.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/match/report.h"
#include "ckptcheck/rules/model_spec.h"
#include "expected_entries.h"
#include "state_dict_choice.h"

namespace ckptcheck {

// The verdicts for strict=True, then strict=False: the keys are the same, only
// whether missing or unexpected ones raise differs. A BatchNorm's
// num_batches_tracked that the file lacks is filled in by BatchNorm itself
// when the state dict's _metadata (`state_dict`, the file's entry for it)
// records no version 2 or later for that module. None when the model is not
// known entry by entry (an undecided condition, a repeated group of unknown
// length), when that filling depends on a state dict that is not known, or
// when an InstanceNorm would drop running statistics it does not track.
std::optional<std::vector<LoadStateDictVerdict>> predict_load_state_dict(const ModelSpec& spec,
                                                                         const Expansion& expansion,
                                                                         const std::vector<FileTensor>& tensors,
                                                                         const std::string& state_dict_key,
                                                                         const StateDictEntry* state_dict);

}  // namespace ckptcheck
