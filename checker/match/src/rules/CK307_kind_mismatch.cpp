#include "CK307_kind_mismatch.h"

namespace ckptcheck {

bool kinds_differ(const ExpectedEntry& code, const FileTensor& file) {
  EntryKind kind = code.from->entry->kind;
  TensorKind in_file = file.tensor->kind;
  return (kind == EntryKind::Parameter && in_file == TensorKind::Buffer) ||
         (kind == EntryKind::Buffer && in_file == TensorKind::Parameter);
}

Diagnostic to_finding(const KindMismatch& fact, const FindingContext& ctx) {
  const SpecEntry& s = *fact.code.from->entry;
  std::string code = entry_kind_name(s.kind), file = tensor_kind_name(fact.file.tensor->kind);
  Diagnostic f = ctx.start(RuleId::KindMismatch);
  f.key = fact.code.name;
  f.message = in_quotes(fact.code.name) + " is a " + code + " in the code but a " + file + " in the checkpoint";
  f.location = s.location;
  f.fix = "register it as the file has it (register_parameter or register_buffer)";
  f.expected = code;
  f.actual = file;
  return f;
}

}  // namespace ckptcheck
