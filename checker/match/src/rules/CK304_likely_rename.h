// CK304 likely-rename: missing and unexpected entries that look like one thing
// renamed (same names after the renamed part, same shapes and dtypes).
// Page: docs/rules/CK304.md. Case: tests/rules/CK304_likely_rename/.
#pragma once

#include "../renames.h"
#include "finding_context.h"

namespace ckptcheck {

struct LikelyRename {
  const RenameRule& rule;
  std::optional<Location> location;  // the code's registration of the first renamed entry
  std::vector<int64_t> shape;        // the entry's shape, when the rule renames one entry
  // Each renamed entry in both spellings (the checkpoint's, then the code's).
  std::vector<std::string> keys;
};

Diagnostic to_finding(LikelyRename fact, const FindingContext& ctx);

}  // namespace ckptcheck
