// Looks rule pages up among those embedded by cmake/embed_rule_docs.cmake.
#include "ckptcheck/rules/rule_docs.h"

namespace ckptcheck {

std::string_view rule_documentation(RuleId id) {
  std::string_view code = rule_info(id).code;
  for (const RuleDocument& doc : embedded_rule_documents())
    if (doc.file_stem == code) return doc.markdown;
  return {};
}

}  // namespace ckptcheck
