#include "CK401_shape_mismatch.h"

#include <algorithm>

#include "ckptcheck/rules/display.h"

namespace ckptcheck {

std::string torch_load_replaces(const SpecEntry& entry, const std::string& file_shape, const FindingContext& ctx) {
  return ctx.libtorch("LibTorch's torch::load would not complain: it replaces the " +
                      std::string(entry_kind_name(entry.kind)) + " by the checkpoint's " + file_shape +
                      " tensor, and the model fails later, far from here");
}

Diagnostic to_finding(const ShapeMismatch& fact, const FindingContext& ctx) {
  const ExpectedEntry& e = fact.code;
  const SpecEntry& s = *e.from->entry;
  const std::vector<int64_t>& actual = fact.file.tensor->shape;
  std::string code = shape_text(e.shape, s.shape), file = shape_text(actual);
  Diagnostic f = ctx.start(RuleId::ShapeMismatch);
  f.key = e.name;
  f.message = "shape of " + in_quotes(e.name) + " differs: the code makes " + code + ", the checkpoint has " + file;
  f.location = s.location;
  // Which dimension differs, and the expression (constructor argument) behind it.
  for (size_t d = 0; d < std::min(actual.size(), e.shape.size()); ++d) {
    if (e.shape[d] && *e.shape[d] == actual[d]) continue;
    std::string expr = s.shape[d].to_string();
    bool symbolic = !s.shape[d].constant();
    f.notes.push_back("dimension " + std::to_string(d) + " is " + (symbolic ? expr + " = " : "") +
                      (e.shape[d] ? std::to_string(*e.shape[d]) : expr) + " in the code and " +
                      std::to_string(actual[d]) + " in the checkpoint");
  }
  if (!s.source.empty()) f.notes.push_back("the shape comes from " + s.source);
  f.notes.push_back(torch_load_replaces(s, file, ctx));
  f.fix = "make the code create " + file + " here, or convert the checkpoint";
  f.expected = shape_json(e.shape, s.shape);
  f.actual = shape_json(actual);
  return f;
}

}  // namespace ckptcheck
