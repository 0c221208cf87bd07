// CK308 module-type-mismatch: the file records another layer type at a path
// (whole pickled models and TorchScript archives record each module's class).
// Page: docs/rules/CK308.md. Case: tests/rules/CK308_module_type_mismatch/.
#pragma once

#include "ckptcheck/rules/model_spec.h"
#include "finding_context.h"

namespace ckptcheck {

struct ModuleTypeMismatch {
  std::string path;       // the module, in the code's spelling
  std::string file_type;  // the class the checkpoint records ("torch.nn.modules.conv.Conv2d")
  const SpecEntry& code;  // an entry the code's layer at that path creates
};

Diagnostic to_finding(const ModuleTypeMismatch& fact, const FindingContext& ctx);

}  // namespace ckptcheck
