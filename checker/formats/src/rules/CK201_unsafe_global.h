// CK201 unsafe-global: a callable outside the weights-only allowlist that
// torch.load(weights_only=False) would run (REDUCE, INST, OBJ, NEWOBJ, a
// _rebuild_from_type function) or import (a GLOBAL that is only referenced).
// Decided in torch_object_walk.cpp from the pickle VM's record of global uses.
// Page: docs/rules/CK201.md. Case: tests/rules/CK201_unsafe_global/.
#pragma once

#include <string>

#include "ckptcheck/rules/diagnostic.h"

namespace ckptcheck {

struct UnsafeGlobal {
  std::string callable;  // dotted: "os.system"
  bool called;           // run by the pickle, not only imported
};

Diagnostic to_diagnostic(const UnsafeGlobal& fact);

}  // namespace ckptcheck
