// CK303 key-prefix: the checkpoint's keys differ from the code's by a prefix
// ('module.' from DataParallel, '_orig_mod.' from torch.compile) or by an
// inserted segment. Page: docs/rules/CK303.md. Case: tests/rules/CK303_key_prefix/.
#pragma once

#include "../key_rewrite.h"
#include "finding_context.h"

namespace ckptcheck {

struct KeyPrefix {
  KeyRewrite rewrite;  // from: the checkpoint's prefix; to: the code's
  size_t applied;      // how many checkpoint keys it rewrote
  // Each rewritten key, in both spellings (the checkpoint's, then the code's).
  std::vector<std::string> keys;
};

Diagnostic to_finding(KeyPrefix fact, const FindingContext& ctx);

}  // namespace ckptcheck
