#include "CK404_symbol_conflict.h"

#include "ckptcheck/rules/display.h"

namespace ckptcheck {

Diagnostic to_finding(const ArgumentConflict& fact, const FindingContext& ctx) {
  const SymbolConflict& c = fact.conflict;
  Diagnostic f = ctx.start(RuleId::SymbolConflict);
  f.key = c.symbol;
  f.message = "the checkpoint's shapes give " + c.symbol + " different values:";
  f.actual = nlohmann::json::array();
  for (const auto& [value, keys] : c.values) {
    f.message += (&value == &c.values.front().first ? " " : ", ") + std::to_string(value);
    f.notes.push_back(c.symbol + "=" + std::to_string(value) + " from " + first_items(keys, 3));
    f.actual.push_back(value);
    f.keys.insert(f.keys.end(), keys.begin(), keys.end());
  }
  f.notes.push_back("the checks below use " + c.symbol + "=" + std::to_string(c.values.front().first) +
                    ", which most entries imply");
  if (fact.symbol) f.location = fact.symbol->location;
  f.fix = "the checkpoint was not made by this model with any one value of " + c.symbol +
          "; find the layer that changed (the entries listed with the other value)";
  return f;
}

}  // namespace ckptcheck
