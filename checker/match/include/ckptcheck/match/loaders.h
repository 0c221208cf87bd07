// CK601 (loader-format): which loaders can read a checkpoint, predicted from its
// Inventory alone, and the finding for the loader the analysed code calls.
// The table follows what torch 1.13.1 and LibTorch 1.13.1 really do with the
// fixtures (tests/loaders/expected_loaders.json, produced by running them); the
// notes quote the errors they throw.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/formats/inventory.h"
#include "ckptcheck/match/report.h"

namespace ckptcheck {

// The loader names, in table order: "torch.load", "torch.load(weights_only=True)",
// "torch.jit.load", "torch::load", "torch::jit::load", "torch::pickle_load".
const std::vector<std::string>& loader_names();

// One row per loader of loader_names(), in that order. An Inventory of a file
// that could not be read at all (no format) gives an empty table.
std::vector<LoaderSupport> loader_support(const Inventory& inv);

// A CK601 finding (severity error) when `loader` cannot read the file: the
// message names the loader and the error it throws, `fix` the conversion that
// works (tests/loaders/conversion_test.py proves them). nullopt when it reads
// the file or the loader is not one of loader_names() (also accepted:
// "torch::serialize::InputArchive::load_from", which is torch::load's reader).
std::optional<Finding> loader_finding(const Inventory& inv, const std::string& loader,
                                      const std::optional<Location>& call_site);

}  // namespace ckptcheck
