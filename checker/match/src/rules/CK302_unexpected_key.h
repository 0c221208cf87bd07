// CK302 unexpected-key: the checkpoint has an entry the code does not create.
// Page: docs/rules/CK302.md. Case: tests/rules/CK302_unexpected_key/.
#pragma once

#include "../state_dict_choice.h"
#include "finding_context.h"

namespace ckptcheck {

struct UnexpectedKey {
  const FileTensor& tensor;
  std::optional<Location> nearest;  // the registration closest to where it would be
};

Diagnostic to_finding(const UnexpectedKey& fact, const FindingContext& ctx);

}  // namespace ckptcheck
