// The matcher: pairs a ModelSpec (what the code creates) with an Inventory
// (what a checkpoint holds) and appends Findings to a Report.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/formats/inventory.h"
#include "ckptcheck/match/report.h"
#include "ckptcheck/rules/model_spec.h"

namespace ckptcheck {

struct MatchOptions {
  std::string key;                          // --key: the state dict's path inside the file; "" finds it
  std::optional<std::string> strip_prefix;  // --strip-prefix: removed from every checkpoint key
  std::optional<std::string> add_prefix;    // --add-prefix: added to every checkpoint key
  // Known renames (configuration): checkpoint name or dotted prefix -> the code's.
  std::map<std::string, std::string> renames;
  std::map<std::string, int64_t> args;      // root arguments bound with --arg
  std::string loader;                       // --loader: the runtime loader; "" finds it in the sources
  // For a spec whose expressions were fitted (ModelSpec::inferred_from_runs):
  // the exact spec at given symbol values (the running analyzer constructs
  // the model again), or nullopt when it cannot give one.
  std::function<std::optional<ModelSpec>(const std::map<std::string, int64_t>&)> exact_spec_at;
};

// Matches one checkpoint; appends its CheckedFile, findings and (once) the symbols.
void match_checkpoint(const ModelSpec& spec, const Inventory& inventory, const MatchOptions& options,
                      Report& report);

}  // namespace ckptcheck
