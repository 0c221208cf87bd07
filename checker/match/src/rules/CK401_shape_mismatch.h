// CK401 shape-mismatch: both sides have the entry but its shapes differ.
// (A contradicted default argument is reported under CK401 too, by
// contradicted_default.h.) Page: docs/rules/CK401.md. Case: tests/rules/CK401_shape_mismatch/.
#pragma once

#include "../expected_entries.h"
#include "../state_dict_choice.h"
#include "finding_context.h"

namespace ckptcheck {

struct ShapeMismatch {
  const ExpectedEntry& code;
  const FileTensor& file;
};

Diagnostic to_finding(const ShapeMismatch& fact, const FindingContext& ctx);

// The note shared with CK403: what torch::load does with a tensor of another shape.
std::string torch_load_replaces(const SpecEntry& entry, const std::string& file_shape, const FindingContext& ctx);

}  // namespace ckptcheck
