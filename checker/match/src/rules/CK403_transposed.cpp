#include "CK403_transposed.h"

#include "CK401_shape_mismatch.h"
#include "ckptcheck/rules/display.h"

namespace ckptcheck {

bool is_transposed(const ExpectedEntry& code, const FileTensor& file) {
  const std::vector<int64_t>& actual = file.tensor->shape;
  return actual.size() == 2 && code.shape.size() == 2 && code.shape[0] == actual[1] && code.shape[1] == actual[0];
}

Diagnostic to_finding(const Transposed& fact, const FindingContext& ctx) {
  const ExpectedEntry& e = fact.code;
  const SpecEntry& s = *e.from->entry;
  const std::vector<int64_t>& actual = fact.file.tensor->shape;
  std::string code = shape_text(e.shape, s.shape), file = shape_text(actual);
  Diagnostic f = ctx.start(RuleId::Transposed);
  f.key = e.name;
  f.message = in_quotes(e.name) + " is transposed: the code makes " + code + ", the checkpoint has " + file;
  f.location = s.location;
  if (!s.source.empty()) f.notes.push_back("the shape comes from " + s.source);
  f.notes.push_back(torch_load_replaces(s, file, ctx));
  f.fix = "transpose it when converting (tensor.t()), or swap the layer's dimensions";
  f.expected = shape_json(e.shape, s.shape);
  f.actual = shape_json(actual);
  return f;
}

}  // namespace ckptcheck
