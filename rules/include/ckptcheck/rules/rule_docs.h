// Each rule's documentation page (docs/rules/<code>.md), embedded into the
// binary at build time so `ckptcheck explain` works without the source tree.
#pragma once

#include <span>
#include <string_view>

#include "ckptcheck/rules/catalog.h"

namespace ckptcheck {

// One embedded page: the file's name without ".md" ("CK401") and its Markdown.
struct RuleDocument {
  std::string_view file_stem;
  std::string_view markdown;
};

// Every page found in docs/rules/ when the binary was built, sorted by file name.
// Pages are not filtered by the catalog, so a test can catch stray ones.
std::span<const RuleDocument> embedded_rule_documents();

// The page of a rule; empty when the rule has none.
std::string_view rule_documentation(RuleId id);

}  // namespace ckptcheck
