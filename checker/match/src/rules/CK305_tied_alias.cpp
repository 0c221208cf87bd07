#include "CK305_tied_alias.h"

namespace ckptcheck {

Diagnostic to_finding(const TiedAliasMissing& fact, const FindingContext& ctx) {
  const ExpectedEntry& e = fact.entry;
  const SpecEntry& s = *e.from->entry;
  Diagnostic f = ctx.start(RuleId::TiedAlias);
  f.key = e.name;
  f.message = in_quotes(e.name) + " is missing from the checkpoint, but the code ties it to " + in_quotes(s.alias_of) +
              ", which the checkpoint has: the weights are all there";
  f.location = s.location;
  f.notes = {"savers that drop duplicate storages write tied weights once",
             ctx.libtorch("LibTorch's torch::load still throws \"No such serialized tensor '" + e.name + "'\"")};
  f.fix = "nothing to do for loaders that re-tie the weights; for torch::load, save both names";
  return f;
}

Diagnostic to_finding(const TiedAliasExtra& fact, const FindingContext& ctx) {
  Diagnostic f = ctx.start(RuleId::TiedAlias);
  f.key = fact.tensor.name;
  f.message = in_quotes(fact.tensor.name) + " in the checkpoint is the same tensor as " + in_quotes(fact.same_as.name) +
              ", which the code has; the code does not register it again under this name";
  f.location = fact.nearest;
  f.fix = "nothing to do if the code ties the weights another way";
  f.actual = shape_json(fact.tensor.tensor->shape);
  return f;
}

}  // namespace ckptcheck
