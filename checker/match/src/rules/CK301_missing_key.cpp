#include "CK301_missing_key.h"

#include "ckptcheck/rules/display.h"

namespace ckptcheck {

Diagnostic to_finding(const MissingKey& fact, const FindingContext& ctx) {
  const ExpectedEntry& e = fact.entry;
  const SpecEntry& s = *e.from->entry;
  Diagnostic f = ctx.start(RuleId::MissingKey);
  f.key = e.name;
  f.message = in_quotes(e.name) + " is missing from the checkpoint: the code creates it " +
              shape_text(e.shape, s.shape) + (s.source.empty() ? "" : " (" + s.source + ")");
  f.location = s.location;
  f.notes = {ctx.libtorch(kTorchLoadFirstMissingNote),
             "Python's load_state_dict(strict=True) lists it under missing keys"};
  f.fix = "train or convert a checkpoint that has it, or remove the registration";
  f.expected = shape_json(e.shape, s.shape);
  return f;
}

Diagnostic to_finding(const MissingSubmodule& fact, const FindingContext& ctx) {
  const SpecModule& m = fact.module;
  Diagnostic f = ctx.start(RuleId::MissingKey);
  f.key = m.name;
  f.message = "submodule " + in_quotes(m.name) + " (" + layer_holder_name(m.type) +
              ") is missing from the checkpoint: it has no parameters or buffers, but torch::load needs a record "
              "of every submodule";
  f.location = m.location;
  f.notes = {ctx.assumed_loader_note(),
             "LibTorch's torch::load throws \"No such serialized submodule: '" + m.name +
                 "'\" when it reaches it (it stops at the first thing the file lacks)",
             "Python's load_state_dict does not mind: the submodule has no entries"};
  f.fix =
      "re-save the checkpoint from a model that has the submodule (load the old weights into it by name, then "
      "torch::save), or register the submodule only where the checkpoints have it";
  return f;
}

Diagnostic to_finding(const UnmappedForTorchLoad& fact, const FindingContext& ctx) {
  const TorchLoadVerdict& v = fact.prediction.verdict;
  Diagnostic f = ctx.start(RuleId::MissingKey);
  f.key = v.at;
  std::string thrown = "\"" + v.error + "\"";
  if (v.error.empty()) {
    thrown = "at the first thing it lacks, among those known: ";
    for (size_t i = 0; i < v.could_throw.size(); ++i) thrown += (i ? " or \"" : "\"") + v.could_throw[i] + "\"";
  }
  f.message = "torch::load throws " + thrown + " on this file: it reads the file's own names, and the file has no " +
              in_quotes(v.at);
  f.location = fact.prediction.location;
  std::string pairings;
  for (const std::string& p : fact.pairings) pairings += (pairings.empty() ? "" : "; ") + p;
  f.notes = {ctx.assumed_loader_note()};
  if (!pairings.empty())
    f.notes.push_back("ckptcheck pairs the file's entries with the code's through " + pairings +
                      ": that describes a remapping the deployment must do before torch::load");
  f.fix =
      "remap the keys for the loader: re-save the checkpoint under the code's names, or rename the code's "
      "registration back to the file's";
  f.renames = fact.rewrites;
  return f;
}

Diagnostic to_finding(const MissingRepeatedKey& fact, const FindingContext& ctx) {
  const SpecEntry& s = fact.entry;
  std::string range;
  for (const SpecRepeat& r : s.repeat)
    range += " for " + r.index + " in [" + r.from.to_string() + ", " + r.to.to_string() + ")";
  Diagnostic f = ctx.start(RuleId::MissingKey);
  f.key = s.name;
  f.message = in_quotes(s.name) + " is missing from the checkpoint: the code creates it" + range +
              ", and the checkpoint has no entry of that name to tell how many";
  f.location = s.location;
  return f;
}

}  // namespace ckptcheck
