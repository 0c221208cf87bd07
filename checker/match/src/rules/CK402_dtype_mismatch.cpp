#include "CK402_dtype_mismatch.h"

#include "ckptcheck/match/loaders.h"
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
  // torch::load set_()s the model's tensor to the file's storage but keeps the
  // model's dtype, so the bytes are read as the wrong type: any difference is
  // silent corruption (tests/check: the buffer_dtype_widened_cpp story, whose
  // truth is LibTorch's own load). Python's load_state_dict casts instead.
  bool corrupts = ctx.loader == kTorchLoadCpp && ctx.torch_load_reads;
  Diagnostic f = ctx.start(RuleId::DtypeMismatch);
  f.severity = narrowing || corrupts ? Severity::Error : Severity::Warning;
  f.key = e.name;
  f.message = "dtype of " + in_quotes(e.name) + " differs: the code makes " + code + ", the checkpoint has " + file +
              (corrupts       ? " (torch::load reads the bytes as " + code + ": the values are garbage)"
               : kind_changes ? " (integer and floating point)"
               : narrowing    ? " (narrowing: values are lost)"
                              : " (widening)");
  f.location = s.location;
  const std::string torch_load_note = "LibTorch's torch::load keeps the model's " + code + " and reads the " + file +
                                      " bytes as " + code + " without converting or a word: the values are garbage";
  if (!ctx.loader.empty()) f.notes.push_back(ctx.assumed_loader_note());
  if (corrupts) {
    f.notes.push_back(torch_load_note);
  } else {
    f.notes.push_back("Python's load_state_dict casts silently to the code's dtype");
    f.notes.push_back(ctx.libtorch(torch_load_note));
  }
  f.fix = "convert the checkpoint (tensor.to(torch." + code + ")) or make the code create " + file;
  f.expected = code;
  f.actual = file;
  return f;
}

}  // namespace ckptcheck
