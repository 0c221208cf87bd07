#include "CK308_module_type_mismatch.h"

#include "ckptcheck/match/layer_types.h"

namespace ckptcheck {

Diagnostic to_finding(const ModuleTypeMismatch& fact, const FindingContext& ctx) {
  const std::string& path = fact.path;
  auto libtorch = libtorch_layer_for(fact.file_type);
  Diagnostic f = ctx.start(RuleId::ModuleTypeMismatch);
  f.key = path;
  f.message = "the checkpoint records " + in_quotes(fact.file_type) + " at " + in_quotes(path) + ", the code has " +
              fact.code.layer;
  f.location = fact.code.location;
  f.notes = {libtorch ? "its LibTorch counterpart is " + *libtorch : "it is not a layer LibTorch has",
             "loaders match entries by name only: equal names and shapes load into a layer that computes "
             "something else"};
  f.fix = "make " + in_quotes(path) + " a " + libtorch.value_or(fact.file_type) + " again, or retrain";
  f.expected = fact.code.layer;
  f.actual = fact.file_type;
  return f;
}

}  // namespace ckptcheck
