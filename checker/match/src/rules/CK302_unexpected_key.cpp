#include "CK302_unexpected_key.h"

#include "ckptcheck/rules/display.h"

namespace ckptcheck {

Diagnostic to_finding(const UnexpectedKey& fact, const FindingContext& ctx) {
  const FileTensor& t = fact.tensor;
  Diagnostic f = ctx.start(RuleId::UnexpectedKey);
  f.key = t.name;
  f.message = "the checkpoint has " + in_quotes(t.name) + " " + shape_text(t.tensor->shape) + " " + t.tensor->dtype +
              ", which the code does not create";
  f.location = fact.nearest;
  f.notes = {ctx.libtorch("LibTorch's torch::load ignores it without a word"),
             "Python's load_state_dict(strict=True) lists it under unexpected keys"};
  f.fix = "drop it when converting, or register what it belongs to";
  f.actual = shape_json(t.tensor->shape);
  return f;
}

}  // namespace ckptcheck
