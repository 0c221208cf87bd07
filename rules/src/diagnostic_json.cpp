#include "ckptcheck/rules/diagnostic_json.h"

namespace ckptcheck {
namespace {

using nlohmann::json;

json string_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

[[noreturn]] void fail(const std::string& at, const std::string& what) { throw DiagnosticJsonError(at + ": " + what); }

const json& field(const json& object, const char* name, const std::string& at) {
  if (!object.contains(name)) fail(at, std::string("missing '") + name + "'");
  return object.at(name);
}

std::string text(const json& object, const char* name, const std::string& at, bool nullable = false) {
  const json& v = field(object, name, at);
  if (nullable && v.is_null()) return "";
  if (!v.is_string()) fail(at + "." + name, nullable ? "expected a string or null" : "expected a string");
  return v.get<std::string>();
}

std::vector<std::string> texts(const json& object, const char* name, const std::string& at) {
  const json& v = field(object, name, at);
  std::string where = at + "." + name;
  if (!v.is_array()) fail(where, "expected an array of strings");
  std::vector<std::string> out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) fail(where + "[" + std::to_string(i) + "]", "expected a string");
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

int small_integer(const json& object, const char* name, const std::string& at) {
  const json& v = field(object, name, at);
  if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > INT32_MAX)
    fail(at + "." + name, "expected a non-negative integer");
  return v.get<int>();
}

}  // namespace

json diagnostic_json(const Diagnostic& d) {
  const RuleInfo& rule = rule_info(d.rule);
  json location = nullptr;
  if (d.location) location = {{"file", d.location->file}, {"line", d.location->line}, {"column", d.location->column}};
  json renames = json::array();
  for (const auto& [from, to] : d.renames) renames.push_back({{"from", from}, {"to", to}});
  return {{"id", rule.code},
          {"name", rule.name},
          {"severity", severity_name(d.severity)},
          {"checkpoint", string_or_null(d.checkpoint)},
          {"also_in", d.also_in},
          {"key", d.key},
          {"expected", d.expected},
          {"actual", d.actual},
          {"message", d.message},
          {"location", location},
          {"notes", d.notes},
          {"fix", string_or_null(d.fix)},
          {"keys", d.keys},
          {"renames", renames}};
}

Diagnostic diagnostic_from_json(const json& value, const std::string& at) {
  if (!value.is_object()) fail(at, "expected an object");
  std::optional<RuleId> rule = find_rule(text(value, "id", at));
  if (!rule) fail(at + ".id", "'" + value.at("id").get<std::string>() + "' is not a rule of the catalog");
  Diagnostic d = Diagnostic::of(*rule, text(value, "message", at));
  std::string severity = text(value, "severity", at);
  if (severity == "error")
    d.severity = Severity::Error;
  else if (severity == "warning")
    d.severity = Severity::Warning;
  else if (severity == "info")
    d.severity = Severity::Info;
  else
    fail(at + ".severity", "expected 'error', 'warning' or 'info'");
  d.checkpoint = text(value, "checkpoint", at, /*nullable=*/true);
  d.also_in = texts(value, "also_in", at);
  d.key = text(value, "key", at);
  d.expected = field(value, "expected", at);
  d.actual = field(value, "actual", at);
  const json& location = field(value, "location", at);
  if (!location.is_null()) {
    if (!location.is_object()) fail(at + ".location", "expected an object or null");
    d.location = Location{text(location, "file", at + ".location"), small_integer(location, "line", at + ".location"),
                          small_integer(location, "column", at + ".location")};
  }
  d.notes = texts(value, "notes", at);
  d.fix = text(value, "fix", at, /*nullable=*/true);
  d.keys = texts(value, "keys", at);
  const json& renames = field(value, "renames", at);
  if (!renames.is_array()) fail(at + ".renames", "expected an array");
  for (size_t i = 0; i < renames.size(); ++i) {
    std::string where = at + ".renames[" + std::to_string(i) + "]";
    if (!renames[i].is_object()) fail(where, "expected an object");
    d.renames.emplace_back(text(renames[i], "from", where), text(renames[i], "to", where));
  }
  return d;
}

}  // namespace ckptcheck
