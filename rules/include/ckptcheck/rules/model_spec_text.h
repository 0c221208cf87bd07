// The ModelSpec as a table for terminals: `ckptcheck analyze`'s default output.
#pragma once

#include <ostream>

#include "ckptcheck/rules/model_spec.h"

namespace ckptcheck {

void write_model_spec_text(std::ostream& out, const ModelSpec& spec);

}  // namespace ckptcheck
