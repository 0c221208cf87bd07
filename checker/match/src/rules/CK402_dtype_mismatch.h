// CK402 dtype-mismatch: both sides have the entry but its dtypes differ.
// Narrowing (a float64 file into float32 code) and integer <-> floating point
// lose values: an error. Widening keeps them under Python's load_state_dict
// (it casts): a warning. Under LibTorch's torch::load any difference is an
// error: it reads the file's bytes as the model's dtype.
// Page: docs/rules/CK402.md. Case: tests/rules/CK402_dtype_mismatch/.
#pragma once

#include "../expected_entries.h"
#include "../state_dict_choice.h"
#include "finding_context.h"

namespace ckptcheck {

struct DtypeMismatch {
  const ExpectedEntry& code;
  const FileTensor& file;
};

Diagnostic to_finding(const DtypeMismatch& fact, const FindingContext& ctx);

}  // namespace ckptcheck
