// Renders a ModelSpec: the "ckptcheck/modelspec/v1" JSON (schemas/modelspec-v1.schema.json), and a
// table for terminals.
#pragma once

#include <ostream>

#include "ckptcheck/rules/model_spec.h"

namespace ckptcheck {

inline constexpr const char* kModelSpecSchema = "ckptcheck/modelspec/v1";

void write_model_spec_json(std::ostream& out, const ModelSpec& spec);
void write_model_spec_text(std::ostream& out, const ModelSpec& spec);

// JSON string literal with escapes (rules/ depends on no JSON library).
std::string json_quote(std::string_view s);

}  // namespace ckptcheck
