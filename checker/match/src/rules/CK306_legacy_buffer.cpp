#include "CK306_legacy_buffer.h"

#include "../name_pattern.h"

namespace ckptcheck {

bool is_legacy_buffer(const ExpectedEntry& missing) { return leaf_of(missing.name) == "num_batches_tracked"; }

Diagnostic to_finding(const LegacyBuffer& fact, const FindingContext& ctx) {
  const ExpectedEntry& e = fact.entry;
  Diagnostic f = ctx.start(RuleId::LegacyBuffer);
  f.key = e.name;
  f.message = in_quotes(e.name) +
              " is missing from the checkpoint, as in every BatchNorm checkpoint saved before PyTorch 0.4.1";
  f.location = e.from->entry->location;
  f.notes = {"Python's load_state_dict fills it in",
             ctx.libtorch("LibTorch's torch::load throws \"No such serialized tensor '" + e.name + "'\"")};
  f.fix = "nothing to do for Python; for LibTorch, re-save the state dict with a current PyTorch";
  return f;
}

}  // namespace ckptcheck
