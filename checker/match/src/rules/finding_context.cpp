#include "finding_context.h"

namespace ckptcheck {

Diagnostic FindingContext::start(RuleId rule) const { return Diagnostic::of(rule, "").in(checkpoint); }

std::string FindingContext::assumed_loader_note() const {
  return "the loader assumed is " + loader + " (" + loader_origin + ")";
}

std::string in_quotes(const std::string& s) { return "'" + s + "'"; }

nlohmann::json shape_json(const std::vector<int64_t>& shape) { return nlohmann::json(shape); }

nlohmann::json shape_json(const std::vector<std::optional<int64_t>>& shape, const std::vector<DimExpr>& exprs) {
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i])
      out.push_back(*shape[i]);
    else
      out.push_back(exprs[i].to_string());
  }
  return out;
}

}  // namespace ckptcheck
