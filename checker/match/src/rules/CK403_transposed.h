// CK403 transposed: the shapes are each other's transpose (a weight saved from
// a layer that stores it the other way round).
// Page: docs/rules/CK403.md. Case: tests/rules/CK403_transposed/.
#pragma once

#include "../expected_entries.h"
#include "../state_dict_choice.h"
#include "finding_context.h"

namespace ckptcheck {

struct Transposed {
  const ExpectedEntry& code;
  const FileTensor& file;
};

// Whether two matrices of different shapes are each other's transpose.
bool is_transposed(const ExpectedEntry& code, const FileTensor& file);

Diagnostic to_finding(const Transposed& fact, const FindingContext& ctx);

}  // namespace ckptcheck
