// Reads the "ckptcheck/modelspec/v1" JSON that `ckptcheck analyze --format
// json` writes, so the check can run on a saved ModelSpec (on a machine
// without the analyzer) and the tool can take the analyzer's output.
#pragma once

#include <stdexcept>
#include <string_view>

#include "ckptcheck/rules/model_spec.h"

namespace ckptcheck {

// A ModelSpec that cannot be read: not JSON, another schema, a missing field,
// an expression outside DimExpr's language. The message names the JSON path.
class ModelSpecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

ModelSpec read_model_spec_json(std::string_view text);

}  // namespace ckptcheck
