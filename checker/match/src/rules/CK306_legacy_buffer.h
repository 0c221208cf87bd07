// CK306 legacy-buffer: a known benign gap, BatchNorm's 'num_batches_tracked'
// absent from checkpoints saved before PyTorch 0.4.1.
// Page: docs/rules/CK306.md. Case: tests/rules/CK306_legacy_buffer/.
#pragma once

#include "../expected_entries.h"
#include "finding_context.h"

namespace ckptcheck {

struct LegacyBuffer {
  const ExpectedEntry& entry;  // a missing '...num_batches_tracked'
};

// Whether a missing entry is such a buffer.
bool is_legacy_buffer(const ExpectedEntry& missing);

Diagnostic to_finding(const LegacyBuffer& fact, const FindingContext& ctx);

}  // namespace ckptcheck
