// The rule catalog shared by every stage: rule IDs (from catalog.def), their
// codes, names, default severities and families. The record a rule raises is
// in diagnostic.h.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ckptcheck {

enum class Severity { Info, Warning, Error };

// Where a rule stands in its life (see catalog.def): users may rely on a Stable
// rule's meaning; a Preview rule may still change; a Deprecated one will go; a
// Removed one no longer runs but keeps its code so it is never reused.
enum class Lifecycle { Stable, Preview, Deprecated, Removed };

enum class RuleId {
#define CKPTCHECK_RULE(enumerator, code, name, severity, lifecycle, summary) enumerator,
#include "ckptcheck/rules/catalog.def"
#undef CKPTCHECK_RULE
};

struct RuleInfo {
  RuleId id;
  std::string_view code;     // "CK101"
  std::string_view name;     // "unreadable-file"
  Severity default_severity;
  Lifecycle lifecycle;
  std::string_view summary;  // one line, lowercase, no trailing period
};

// The hundreds a rule's code is in (catalog.def): what it is about.
enum class RuleFamily {
  File = 1,          // CK1xx: the file cannot be read
  PickleSafety = 2,  // CK2xx: what unpickling would import or run
  KeySet = 3,        // CK3xx: names and module structure
  ShapeDtype = 4,    // CK4xx: shapes, dtypes and argument values
  Analysis = 5,      // CK5xx: what the analyzer could not do
  Loader = 6,        // CK6xx: which loaders read the file
};
RuleFamily rule_family(RuleId id);

// Every rule, in code order.
std::span<const RuleInfo> all_rules();
const RuleInfo& rule_info(RuleId id);
// Finds a rule by code ("CK101") or name ("unreadable-file").
std::optional<RuleId> find_rule(std::string_view code_or_name);

std::string_view severity_name(Severity s);  // "info", "warning", "error"
std::string_view lifecycle_name(Lifecycle l);  // "stable", "preview", "deprecated", "removed"

}  // namespace ckptcheck
