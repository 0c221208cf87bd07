// The rule table, expanded from catalog.def.
#include "ckptcheck/rules/catalog.h"

#include <array>

namespace ckptcheck {
namespace {

constexpr RuleInfo kRules[] = {
#define CKPTCHECK_RULE(enumerator, code, name, severity, lifecycle, summary) \
  {RuleId::enumerator, code, name, Severity::severity, Lifecycle::lifecycle, summary},
#include "ckptcheck/rules/catalog.def"
#undef CKPTCHECK_RULE
};

}  // namespace

std::span<const RuleInfo> all_rules() { return kRules; }

const RuleInfo& rule_info(RuleId id) { return kRules[static_cast<size_t>(id)]; }

RuleFamily rule_family(RuleId id) { return static_cast<RuleFamily>(rule_info(id).code[2] - '0'); }

std::optional<RuleId> find_rule(std::string_view code_or_name) {
  for (const RuleInfo& r : kRules)
    if (r.code == code_or_name || r.name == code_or_name) return r.id;
  return std::nullopt;
}

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

std::string_view lifecycle_name(Lifecycle l) {
  switch (l) {
    case Lifecycle::Stable: return "stable";
    case Lifecycle::Preview: return "preview";
    case Lifecycle::Deprecated: return "deprecated";
    case Lifecycle::Removed: return "removed";
  }
  return "stable";
}

}  // namespace ckptcheck
