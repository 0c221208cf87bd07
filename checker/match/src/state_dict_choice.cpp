#include "state_dict_choice.h"

#include <algorithm>
#include <array>

namespace ckptcheck {
namespace {

// Where training code keeps the weights, most specific first (as seen in
// plain scripts, Lightning, timm, DeepSpeed, EMA copies).
constexpr std::array<std::string_view, 6> kModelKeys = {"model_state_dict", "state_dict", "model", "state_dict_ema",
                                                        "module", "model_ema"};

bool is_optimizer_state(const std::string& path) {
  return path.rfind("optimizer", 0) == 0 || path.find(".state.") != std::string::npos ||
         path.rfind("optimizer_states", 0) == 0;
}

StateDictChoice take(const Inventory& inv, const std::string& key, std::string reason) {
  StateDictChoice c;
  c.key = key;
  c.reason = std::move(reason);
  std::string prefix = key.empty() ? "" : key + ".";
  for (const TensorEntry& t : inv.tensors)
    if (t.name.size() > prefix.size() && t.name.compare(0, prefix.size(), prefix) == 0)
      c.tensors.push_back(FileTensor{t.name.substr(prefix.size()), t.name, &t});
  return c;
}

std::string list(const std::vector<const StateDictEntry*>& candidates) {
  std::string s;
  for (const StateDictEntry* c : candidates)
    s += (s.empty() ? "" : ", ") + ("'" + c->path + "' (" + std::to_string(c->tensors) + " tensors)");
  return s;
}

}  // namespace

StateDictChoice choose_state_dict(const Inventory& inv, const std::string& requested) {
  if (!requested.empty()) {
    StateDictChoice c = take(inv, requested, "--key");
    if (c.tensors.empty()) {
      std::vector<const StateDictEntry*> all;
      for (const StateDictEntry& s : inv.state_dicts) all.push_back(&s);
      throw StateDictChoiceError("--key " + requested + ": " + inv.file + " has no tensors under '" + requested + "'" +
                                 (all.empty() ? std::string() : "; its state dicts are " + list(all)));
    }
    return c;
  }
  if (inv.content != "checkpoint") return take(inv, "", "");
  std::vector<const StateDictEntry*> candidates;
  for (const StateDictEntry& s : inv.state_dicts)
    if (!s.path.empty() && !is_optimizer_state(s.path)) candidates.push_back(&s);
  for (std::string_view known : kModelKeys) {
    std::vector<const StateDictEntry*> named;
    for (const StateDictEntry* s : candidates)
      if (s->path == known) named.push_back(s);
    if (named.empty()) continue;
    // "state_dict" next to "state_dict_ema" is a real choice: which weights are deployed.
    std::vector<const StateDictEntry*> others;
    for (const StateDictEntry* s : candidates)
      if (s->path != known && std::find(kModelKeys.begin(), kModelKeys.end(), s->path) != kModelKeys.end())
        others.push_back(s);
    if (!others.empty()) {
      others.insert(others.begin(), named.front());
      throw StateDictChoiceError(inv.file + " holds several state dicts: " + list(others) + "; choose one with --key");
    }
    return take(inv, std::string(known), "the training checkpoint's '" + std::string(known) + "' entry");
  }
  if (candidates.size() == 1)
    return take(inv, candidates.front()->path, "the only state dict in the training checkpoint");
  // Tensors at the top next to other values (no dict of tensors only): those are the weights.
  bool top_level_tensors = std::any_of(inv.tensors.begin(), inv.tensors.end(), [&](const TensorEntry& t) {
    return std::none_of(inv.state_dicts.begin(), inv.state_dicts.end(),
                        [&](const StateDictEntry& s) { return t.name.rfind(s.path + ".", 0) == 0; });
  });
  if (candidates.empty() && top_level_tensors) return take(inv, "", "the file's tensors (it holds no state dict)");
  if (candidates.empty())
    throw StateDictChoiceError(inv.file + " is a training checkpoint without a state dict of the model "
                               "(no dict of tensors outside the optimizer state)");
  throw StateDictChoiceError(inv.file + " holds several state dicts: " + list(candidates) + "; choose one with --key");
}

}  // namespace ckptcheck
