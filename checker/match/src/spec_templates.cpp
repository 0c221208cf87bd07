#include "spec_templates.h"

namespace ckptcheck {

SpecTemplates::SpecTemplates(const ModelSpec& spec) {
  entries_.reserve(spec.entries.size());
  for (size_t i = 0; i < spec.entries.size(); ++i) {
    const SpecEntry& e = spec.entries[i];
    auto name = NamePattern::parse(e.name);
    if (!name) {
      unreadable_.push_back(&e);
      continue;
    }
    EntryTemplate t{&e, i, std::move(*name), std::nullopt, false};
    if (e.conditional && !e.condition.empty()) {
      t.condition = DimExpr::parse(e.condition);
      t.condition_unreadable = !t.condition;
    } else if (e.conditional) {
      t.condition_unreadable = true;
    }
    entries_.push_back(std::move(t));
  }
  for (size_t i = 0; i < entries_.size(); ++i) {
    const NamePattern& n = entries_[i].name;
    if (n.has_slots()) patterns_[n.mask()].push_back(i);
    else concrete_.emplace(n.text(), i);  // a name registered twice keeps its first entry
  }
}

std::vector<PatternHit> SpecTemplates::hits(std::string_view key) const {
  std::vector<PatternHit> out;
  if (auto it = concrete_.find(std::string(key)); it != concrete_.end()) {
    out.push_back(PatternHit{&entries_[it->second], {}});
    return out;
  }
  auto it = patterns_.find(digit_mask(key));
  if (it == patterns_.end()) return out;
  for (size_t i : it->second)
    if (auto values = entries_[i].name.match(key)) out.push_back(PatternHit{&entries_[i], std::move(*values)});
  return out;
}

}  // namespace ckptcheck
