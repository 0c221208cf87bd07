// Which loaders can read a checkpoint, predicted from its Inventory alone: the
// table every checked file reports, and the facts CK601 (loader-format,
// checker/match/src/rules/CK601_loader_format.cpp) turns into a finding for the
// loader the analysed code calls. The table follows what torch 1.13.1 and
// LibTorch 1.13.1 really do with the fixtures (tests/loaders/expected_loaders.json,
// produced by running them); the notes quote the errors they throw.
#pragma once

#include <string>
#include <vector>

#include "ckptcheck/formats/inventory.h"
#include "ckptcheck/match/report.h"

namespace ckptcheck {

// The loaders, as the table, --loader and the configuration spell them.
inline constexpr const char* kTorchLoad = "torch.load";
inline constexpr const char* kWeightsOnly = "torch.load(weights_only=True)";
inline constexpr const char* kJitLoadPy = "torch.jit.load";
inline constexpr const char* kTorchLoadCpp = "torch::load";
inline constexpr const char* kJitLoadCpp = "torch::jit::load";
inline constexpr const char* kPickleLoad = "torch::pickle_load";

// The loader names, in table order: the six above.
const std::vector<std::string>& loader_names();

// One row per loader of loader_names(), in that order. An Inventory of a file
// that could not be read at all (no format) gives an empty table.
std::vector<LoaderSupport> loader_support(const Inventory& inv);

// The file's pickle protocol (2, torch.save's default, when it has no PROTO).
int pickle_protocol(const Inventory& inv);
// The class of a whole pickled module or TorchScript root; "" for other files.
std::string root_type(const Inventory& inv);

}  // namespace ckptcheck
