// A Diagnostic as JSON, both directions: the report's findings
// (schemas/report-v1.schema.json) and the problems a manifest keeps from the
// checkpoint it describes (schemas/manifest-v1.schema.json) use this one form.
#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "ckptcheck/rules/diagnostic.h"

namespace ckptcheck {

// Every field of `d`; "" and absent values are null.
nlohmann::json diagnostic_json(const Diagnostic& d);

// A document's diagnostic that is not one: the message names the JSON path.
class DiagnosticJsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads what diagnostic_json() writes. `at` is the value's JSON path, for
// messages ("diagnostics[2]"). Strict: every field must be there with its type.
Diagnostic diagnostic_from_json(const nlohmann::json& value, const std::string& at);

}  // namespace ckptcheck
