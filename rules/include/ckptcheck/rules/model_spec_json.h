// The ModelSpec's JSON form, "ckptcheck/modelspec/v1"
// (schemas/modelspec-v1.schema.json): written by the analyzer, read by the
// check (from the analyzer's pipe or a saved --spec file). Both directions
// are here, so that the contract has one owner.
#pragma once

#include <ostream>
#include <stdexcept>
#include <string_view>

#include "ckptcheck/rules/model_spec.h"

namespace ckptcheck {

inline constexpr const char* kModelSpecSchema = "ckptcheck/modelspec/v1";

// One top-level field per line, and one entry, module or symbol per line, so
// that a diff of two analyses reads entry by entry.
void write_model_spec_json(std::ostream& out, const ModelSpec& spec);

// A ModelSpec that cannot be read: not JSON, another schema, a missing field,
// an expression outside DimExpr's language. The message names the JSON path.
class ModelSpecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

ModelSpec read_model_spec_json(std::string_view text);

}  // namespace ckptcheck
