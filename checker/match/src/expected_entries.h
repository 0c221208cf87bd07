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

// Expected entries stop at this many (a few hundred MiB): a hostile spec's
// "layers.{i}" for i up to 2^40 must not exhaust memory. Real models have
// thousands; the benchmark's largest has 100,000.
inline constexpr size_t kMaxExpectedEntries = 1'000'000;

Expansion expand_entries(const SpecTemplates& templates, const std::map<std::string, int64_t>& values);

}  // namespace ckptcheck
