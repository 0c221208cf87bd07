// What LibTorch's torch::load(module, path) does with the model the code
// defines and an archive it can read (a torch::save archive or a TorchScript
// file). LibTorch 1.13's Module::load walks the module tree: each module's
// parameters, then its buffers, then its children, each in registration
// order, reading every one from the archive by name. It throws at the first
// one the archive lacks ("No such serialized tensor 'fc.bias'", "No such
// serialized submodule: 'stem_norm'"), skips children that are not
// serializable (torch::nn::Functional), ignores what the archive has beyond
// that, and replaces each tensor with set_: one of another shape is resized to
// the file's, one of another dtype keeps the model's dtype and holds the
// file's bytes read as it (W1/W2 of issue 14; the stories' torch_load truth in
// tests/check/stories.json is this loader run for real).
#pragma once

#include "ckptcheck/formats/inventory.h"
#include "ckptcheck/match/report.h"
#include "ckptcheck/rules/model_spec.h"
#include "expected_entries.h"

namespace ckptcheck {

struct TorchLoadPrediction {
  TorchLoadVerdict verdict;
  // Where it throws, in the code: the registration of verdict.at.
  std::optional<Location> location;
};

// Whether torch::save writes a record of a module of this type (Module::name(),
// "torch::nn::FunctionalImpl") and torch::load asks for one: false only for
// torch::nn::Functional, the one LibTorch module whose is_serializable() is false.
bool torch_load_needs(const std::string& module_type);

// `spec` is the spec `expansion` was written out from: its modules give the
// tree's parameterless submodules and the order of siblings.
TorchLoadPrediction predict_torch_load(const ModelSpec& spec, const Expansion& expansion, const Inventory& inv);

}  // namespace ckptcheck
