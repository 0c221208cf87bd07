// The ModelSpec's entries prepared for matching: names as patterns, conditions
// as expressions, and an index from a checkpoint key to the entries whose
// pattern it fits, so lookups cost the same for 10 entries as for 100,000.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ckptcheck/rules/model_spec.h"
#include "name_pattern.h"

namespace ckptcheck {

struct EntryTemplate {
  const SpecEntry* entry;
  size_t order;                      // position in the ModelSpec
  NamePattern name;
  std::optional<DimExpr> condition;  // none when unconditional or unreadable
  bool condition_unreadable = false;
};

// A checkpoint key that fits an entry's pattern, with the slot values.
struct PatternHit {
  const EntryTemplate* entry;
  std::vector<int64_t> slot_values;
};

class SpecTemplates {
 public:
  // Entries whose name is not a pattern are left out and listed in `unreadable`.
  explicit SpecTemplates(const ModelSpec& spec);

  const std::vector<EntryTemplate>& entries() const { return entries_; }
  const std::vector<const SpecEntry*>& unreadable() const { return unreadable_; }
  // The entries `key` fits: the one with that concrete name, else the patterns.
  std::vector<PatternHit> hits(std::string_view key) const;
  bool fits(std::string_view key) const { return !hits(key).empty(); }

 private:
  std::vector<EntryTemplate> entries_;
  std::vector<const SpecEntry*> unreadable_;
  std::unordered_map<std::string, size_t> concrete_;               // name -> entry
  std::unordered_map<std::string, std::vector<size_t>> patterns_;  // digit mask -> entries with slots
};

}  // namespace ckptcheck
