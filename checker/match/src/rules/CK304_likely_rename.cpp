#include "CK304_likely_rename.h"

#include "ckptcheck/rules/display.h"

namespace ckptcheck {

Diagnostic to_finding(LikelyRename fact, const FindingContext& ctx) {
  const RenameRule& rule = fact.rule;
  bool single = rule.pairs.size() == 1;
  std::string count = std::to_string(rule.pairs.size());
  Diagnostic f = ctx.start(RuleId::LikelyRename);
  f.key = single ? rule.to : rule.to + "*";
  f.message = single ? "the checkpoint's " + in_quotes(rule.from) + " looks like the code's " + in_quotes(rule.to) +
                           " renamed (same shape " + shape_text(fact.shape) + " and dtype)"
                     : "the checkpoint's " + in_quotes(rule.from + "*") + " looks like the code's " +
                           in_quotes(rule.to + "*") + " renamed: " + count +
                           " entries with the same names after it, shapes and dtypes";
  f.location = fact.location;
  f.notes = {"without the rename the loader sees " + count + " missing and " + count + " unexpected entries"};
  // A rename in the configuration changes ckptcheck's pairing, not what the loader reads.
  if (ctx.loader == "torch::load")
    f.notes.push_back(
        "a rename in .ckptcheck.json only changes how ckptcheck pairs entries: torch::load reads the "
        "file's own names, so the deployment must remap them too; " +
        ctx.assumed_loader_note());
  f.fix = "rename in .ckptcheck.json: \"renames\": {\"" + rule.from + "\": \"" + rule.to +
          "\"}, or rename the registration back";
  f.expected = rule.to;
  f.actual = rule.from;
  f.keys = std::move(fact.keys);
  f.renames = {{rule.from, rule.to}};
  return f;
}

}  // namespace ckptcheck
