#include "CK402_dtype_mismatch.h"

#include "ckptcheck/rules/dtype.h"

namespace ckptcheck {
namespace {

bool is_float(const std::string& dtype) {
  return dtype.rfind("float", 0) == 0 || dtype == "bfloat16" || dtype == "half" || dtype == "double";
}

}  // namespace

Diagnostic to_finding(const DtypeMismatch& fact, const FindingContext& ctx) {
  const ExpectedEntry& e = fact.code;
  const SpecEntry& s = *e.from->entry;
  const std::string &code = s.dtype, &file = fact.file.tensor->dtype;
  auto code_bits = dtype_bits(code), file_bits = dtype_bits(file);
  bool kind_changes = is_float(code) != is_float(file);
  bool narrowing = kind_changes || !code_bits || !file_bits || *code_bits < *file_bits ||
                   (code == "float16" && file == "bfloat16") || (code == "bfloat16" && file == "float16");
  Diagnostic f = ctx.start(RuleId::DtypeMismatch);
  f.severity = narrowing ? Severity::Error : Severity::Warning;
  f.key = e.name;
  f.message =
      "dtype of " + in_quotes(e.name) + " differs: the code makes " + code + ", the checkpoint has " + file +
      (narrowing ? (kind_changes ? " (integer and floating point)" : " (narrowing: values are lost)") : " (widening)");
  f.location = s.location;
  f.notes = {"Python's load_state_dict casts silently to the code's dtype",
             ctx.libtorch("LibTorch's torch::load replaces the tensor, so the model then computes in " + file)};
  f.fix = "convert the checkpoint (tensor.to(torch." + code + ")) or make the code create " + file;
  f.expected = code;
  f.actual = file;
  return f;
}

}  // namespace ckptcheck
