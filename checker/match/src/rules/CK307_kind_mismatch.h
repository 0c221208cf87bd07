// CK307 kind-mismatch: a parameter in the code is a buffer in the file, or the
// reverse (only files that record the kind: whole models, TorchScript and
// C++ archives). Page: docs/rules/CK307.md. Case: tests/rules/CK307_kind_mismatch/.
#pragma once

#include "../expected_entries.h"
#include "../state_dict_choice.h"
#include "finding_context.h"

namespace ckptcheck {

struct KindMismatch {
  const ExpectedEntry& code;
  const FileTensor& file;
};

// Whether the file records a kind and it is not the code's.
bool kinds_differ(const ExpectedEntry& code, const FileTensor& file);

Diagnostic to_finding(const KindMismatch& fact, const FindingContext& ctx);

}  // namespace ckptcheck
