#include "ckptcheck/rules/diagnostic.h"

namespace ckptcheck {

Diagnostic Diagnostic::of(RuleId rule, std::string message, std::optional<Location> location) {
  Diagnostic d;
  d.rule = rule;
  d.severity = rule_info(rule).default_severity;
  d.message = std::move(message);
  d.location = std::move(location);
  return d;
}

}  // namespace ckptcheck
