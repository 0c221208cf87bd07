#include "ckptcheck/rules/model_spec.h"

namespace ckptcheck {

const char* entry_kind_name(EntryKind k) { return k == EntryKind::Parameter ? "parameter" : "buffer"; }

}  // namespace ckptcheck
