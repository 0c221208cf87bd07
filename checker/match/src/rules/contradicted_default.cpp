#include "contradicted_default.h"

#include <algorithm>

#include "CK301_missing_key.h"
#include "ckptcheck/rules/display.h"

namespace ckptcheck {

std::vector<Diagnostic> to_findings(ContradictedDefault fact, const FindingContext& ctx) {
  const SpecSymbol& s = fact.symbol;
  std::string solved = shown_value(s, fact.solved);
  std::string default_text = *shown_default(s);
  std::string message, fix;
  if (fact.split_product.empty()) {
    message = "the checkpoint implies " + s.name + "=" + solved + "; the code's default is " + default_text;
    fix = "construct the model with " + s.name + "=" + solved +
          " or change the default; if the deployment already passes it, check with --arg " + s.name + "=" + solved;
  } else {
    // The checkpoint fixes the product only: say which split was kept and that others may fit as well.
    message = "the checkpoint does not fit the code's default " + s.name + "=" + default_text +
              ": its shapes fix only " + fact.split_product +
              ", and at the default the constructor builds other entries; " + s.name + "=" + solved +
              " builds exactly the checkpoint's (other splits may too)";
    fix = "pass the " + s.name + " the model was trained with (the checkpoint cannot tell which split of " +
          fact.split_product +
          " it was), or change the default; if the deployment already passes it, check with --arg " + s.name + "=N";
  }
  std::vector<Diagnostic> findings;
  auto emit = [&](RuleId rule, std::vector<std::string> keys, const std::string& what, const std::string& runtime) {
    if (keys.empty()) return;
    std::sort(keys.begin(), keys.end());
    Diagnostic f = ctx.start(rule);
    f.key = s.name;
    f.message = message;
    f.location = s.location;
    f.notes = {"at the default, " + what + ": " + first_items(keys, 5), runtime};
    f.fix = fix;
    f.expected = *s.default_number;
    f.actual = fact.solved;
    f.keys = std::move(keys);
    findings.push_back(std::move(f));
  };
  emit(RuleId::ShapeMismatch, std::move(fact.reshaped), "these entries have other shapes",
       ctx.libtorch("LibTorch's torch::load would not complain: it replaces each one by the checkpoint's tensor "
                    "whatever its shape, and the model fails later, far from here"));
  emit(RuleId::UnexpectedKey, std::move(fact.extra), "the code creates none of these checkpoint entries",
       ctx.libtorch("LibTorch's torch::load ignores them without a word: the extra layers' weights are dropped"));
  emit(RuleId::MissingKey, std::move(fact.absent), "the checkpoint lacks these entries",
       ctx.libtorch(kTorchLoadFirstOfThemNote));
  return findings;
}

}  // namespace ckptcheck
