// CK305 tied-alias: a missing or extra name whose tensor is shared with an
// entry both sides have (tied weights saved once, or saved under both names).
// Page: docs/rules/CK305.md. Case: tests/rules/CK305_tied_alias/.
#pragma once

#include "../expected_entries.h"
#include "../state_dict_choice.h"
#include "finding_context.h"

namespace ckptcheck {

// The code ties `entry` to another entry (its SpecEntry::alias_of), which the
// checkpoint has; the checkpoint lacks `entry` itself.
struct TiedAliasMissing {
  const ExpectedEntry& entry;
};

// The checkpoint's `tensor` shares its storage with `same_as`, an entry the
// code has; the code does not register it under this name.
struct TiedAliasExtra {
  const FileTensor& tensor;
  const FileTensor& same_as;
  std::optional<Location> nearest;
};

Diagnostic to_finding(const TiedAliasMissing& fact, const FindingContext& ctx);
Diagnostic to_finding(const TiedAliasExtra& fact, const FindingContext& ctx);

}  // namespace ckptcheck
