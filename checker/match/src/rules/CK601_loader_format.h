// CK601 loader-format: the loader the code calls (or --loader) cannot read the
// file. The verdict comes from the loader table (ckptcheck/match/loaders.h); this
// file says which file it is and the conversion that works (the conversions
// tests/loaders/conversion_test.py runs for real).
// Page: docs/rules/CK601.md. Case: tests/rules/CK601_loader_format/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/formats/inventory.h"
#include "ckptcheck/match/report.h"

namespace ckptcheck {

// A CK601 finding (severity error) when `loader` cannot read the file: the
// message names the loader and the error it throws, `fix` the conversion that
// works. nullopt when it reads the file or the loader is not one of
// loader_names() (also accepted: "torch::serialize::InputArchive::load_from",
// which is torch::load's reader). `modules_without_tensors` are the code's
// submodules that hold no tensors: the archive the fix writes for torch::load
// must have them too, since torch::load asks for every submodule.
std::optional<Diagnostic> loader_finding(const Inventory& inv, const std::string& loader,
                                         const std::optional<Location>& call_site,
                                         const std::vector<std::string>& modules_without_tensors = {});

}  // namespace ckptcheck
