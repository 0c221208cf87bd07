// CK301 missing-key: the code creates an entry the checkpoint lacks, or a
// submodule without tensors that LibTorch's torch::load still needs a record of.
// Page: docs/rules/CK301.md. Case: tests/rules/CK301_missing_key/.
#pragma once

#include "../expected_entries.h"
#include "../torch_load_model.h"
#include "finding_context.h"

namespace ckptcheck {

// MissingKey's note on torch::load, and a contradicted default's on the
// entries it creates, which the matcher replaces with the message torch::load
// throws on the entry it reaches first.
inline constexpr const char* kTorchLoadFirstMissingNote = "LibTorch's torch::load throws at the first missing entry";
inline constexpr const char* kTorchLoadFirstOfThemNote = "LibTorch's torch::load throws at the first of them";

// An entry of the expanded spec that no checkpoint key matched.
struct MissingKey {
  const ExpectedEntry& entry;
};

// An entry of a repeated layer whose count no checkpoint key tells, so it
// could not be expanded: reported once, as its pattern.
struct MissingRepeatedKey {
  const SpecEntry& entry;
};

// A submodule without parameters or buffers that the checkpoint (a torch::save
// archive or TorchScript file, which record every submodule) does not have,
// when the deployment loads with torch::load: Module::load asks the archive
// for every child, tensors or not.
struct MissingSubmodule {
  const SpecModule& module;
};

// torch::load throws on the file as it is, at something no CK301 above names:
// ckptcheck paired it through a rewrite of the file's keys (the
// configuration's renames, a prefix, a rename it found), and the loader reads
// the file's own names.
struct UnmappedForTorchLoad {
  const TorchLoadPrediction& prediction;
  std::vector<std::string> pairings;  // how ckptcheck paired them: "the configuration's rename 'a.' -> 'b.'"
  std::vector<std::pair<std::string, std::string>> rewrites;  // (file's, code's), as applied
};

Diagnostic to_finding(const MissingKey& fact, const FindingContext& ctx);
Diagnostic to_finding(const MissingSubmodule& fact, const FindingContext& ctx);
Diagnostic to_finding(const MissingRepeatedKey& fact, const FindingContext& ctx);
Diagnostic to_finding(const UnmappedForTorchLoad& fact, const FindingContext& ctx);

}  // namespace ckptcheck
