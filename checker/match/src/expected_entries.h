// The ModelSpec written out at known symbol values: every repeated group
// expanded index by index, every condition decided where it can be, every
// shape evaluated. What LibTorch's named_parameters()/named_buffers() would
// list for the model constructed with those values.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spec_templates.h"

namespace ckptcheck {

struct ExpectedEntry {
  std::string name;
  const EntryTemplate* from;
  std::map<std::string, int64_t> indices;      // repeated groups' index values
  std::vector<std::optional<int64_t>> shape;   // nullopt: a dimension no value decides
  bool undecided = false;                      // its condition could not be decided
};

struct Expansion {
  std::vector<ExpectedEntry> entries;
  // Entries of a group whose length no value decides: listed as their pattern.
  std::vector<const EntryTemplate*> unexpanded;
  bool truncated = false;  // more than the limit; the rest is left out
};

// Expected entries stop at this many: a hostile spec's "layers.{i}" for i up
// to 10^18 must not exhaust memory (each entry costs about 1 KB with its name,
// shape and loop indices). Real models have thousands, the benchmark's largest
// 100,000, and a checkpoint holds at most kMaxTensors (100,000) to match them to.
inline constexpr size_t kMaxExpectedEntries = 200'000;

Expansion expand_entries(const SpecTemplates& templates, const std::map<std::string, int64_t>& values);

}  // namespace ckptcheck
