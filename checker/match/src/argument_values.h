// The root's argument values for one checkpoint: bound ones (--arg), solved
// from the checkpoint's shapes and the lengths of its repeated groups, and the
// code's defaults for the rest; and, when the spec was fitted to runs of the
// constructor, the exact listing at those values (from the running analyzer).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ckptcheck/match/match.h"
#include "expected_entries.h"
#include "spec_templates.h"
#include "state_dict_choice.h"
#include "symbol_solver.h"

namespace ckptcheck {

// A default that split a product (dim_head in dim_head*heads), which the
// exact runs contradicted.
struct SplitDefault {
  const SpecSymbol* symbol;
  int64_t value;        // the split kept
  std::string product;  // "dim_head*heads = 64"
};

struct ArgumentValues {
  std::map<std::string, int64_t> values;  // every symbol that has a value
  std::vector<SymbolValue> report;        // each symbol, its value and where it came from
  // Defaults the checkpoint contradicts, with the value it implies.
  std::vector<std::pair<const SpecSymbol*, int64_t>> differing_defaults;
  std::vector<SplitDefault> splits;
  // Symbols solved from the checkpoint that different entries give different values.
  std::vector<SymbolConflict> conflicts;
  // The constructor's own listing at `values` (null without a running analyzer).
  std::unique_ptr<ModelSpec> exact_spec;
  // The exact listing at the default split of a product (see `splits`).
  std::unique_ptr<ModelSpec> at_default_listing;
  // The constructor's own listing with every contradicted default (and split)
  // at the code's value: the model a deployment that does not pass them
  // builds, which the loaders load into. Null when no default is contradicted
  // or without a running analyzer.
  std::unique_ptr<ModelSpec> as_written;
};

ArgumentValues solve_arguments(const ModelSpec& spec, const SpecTemplates& templates,
                               const std::vector<FileTensor>& tensors,
                               const std::unordered_map<std::string, size_t>& file_index, const MatchOptions& options);

// The root constructor argument of that name in the spec; null when it has none.
const SpecSymbol* find_symbol(const ModelSpec& spec, const std::string& name);

// The checkpoint has the entry, at the shape the code makes.
bool agrees_with_file(const ExpectedEntry& e, const std::vector<FileTensor>& tensors,
                      const std::unordered_map<std::string, size_t>& file_index);

// The code's shape (unknown dimensions match anything) against the file's.
bool same_shape(const std::vector<std::optional<int64_t>>& code, const std::vector<int64_t>& file);

}  // namespace ckptcheck
