#include "expected_entries.h"

namespace ckptcheck {
namespace {

struct Expander {
  const std::map<std::string, int64_t>& values;
  Expansion& out;

  // Runs the entry's loops outermost first; at the innermost, emits one entry.
  // Returns false when a loop's bounds are unknown.
  bool expand(const EntryTemplate& t, size_t level, std::map<std::string, int64_t>& bindings) {
    const std::vector<SpecRepeat>& loops = t.entry->repeat;
    if (level == loops.size()) {
      emit(t, bindings);
      return true;
    }
    auto from = loops[level].from.evaluate(bindings), to = loops[level].to.evaluate(bindings);
    if (!from || !to) return false;
    for (int64_t i = *from; i < *to && !out.truncated; ++i) {
      bindings[loops[level].index] = i;
      if (!expand(t, level + 1, bindings)) return false;
    }
    bindings.erase(loops[level].index);
    return true;
  }

  void emit(const EntryTemplate& t, const std::map<std::string, int64_t>& bindings) {
    if (out.entries.size() >= kMaxExpectedEntries) {
      out.truncated = true;
      return;
    }
    ExpectedEntry e;
    e.from = &t;
    if (t.condition) {
      auto holds = t.condition->evaluate(bindings);
      if (holds && *holds == 0) return;
      e.undecided = !holds;
    } else {
      e.undecided = t.condition_unreadable;
    }
    auto name = t.name.instantiate(bindings);
    if (!name) return;
    e.name = std::move(*name);
    for (const SpecRepeat& r : t.entry->repeat) e.indices[r.index] = bindings.at(r.index);
    for (const DimExpr& d : t.entry->shape) e.shape.push_back(d.evaluate(bindings));
    out.entries.push_back(std::move(e));
  }
};

}  // namespace

Expansion expand_entries(const SpecTemplates& templates, const std::map<std::string, int64_t>& values) {
  Expansion out;
  Expander x{values, out};
  for (const EntryTemplate& t : templates.entries()) {
    std::map<std::string, int64_t> bindings = values;
    size_t before = out.entries.size();
    if (!x.expand(t, 0, bindings)) {
      out.entries.resize(before);
      out.unexpanded.push_back(&t);
    }
    if (out.truncated) break;
  }
  return out;
}

}  // namespace ckptcheck
