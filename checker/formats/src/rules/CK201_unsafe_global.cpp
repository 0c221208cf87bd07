#include "CK201_unsafe_global.h"

namespace ckptcheck {

Diagnostic to_diagnostic(const UnsafeGlobal& fact) {
  return Diagnostic::of(RuleId::UnsafeGlobal,
                        std::string(fact.called ? "the pickle calls '" : "the pickle references '") + fact.callable +
                            "'; torch.load would " + (fact.called ? "run it" : "import it") + " (ckptcheck did not)");
}

}  // namespace ckptcheck
