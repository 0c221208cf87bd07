#include "ckptcheck/match/model_spec_input.h"

#include <nlohmann/json.hpp>

#include "ckptcheck/rules/model_spec_output.h"

namespace ckptcheck {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw ModelSpecError(where.empty() ? "modelspec: " + what : "modelspec " + where + ": " + what);
}

const json& field(const json& object, const char* name, const std::string& where) {
  if (!object.is_object() || !object.contains(name)) fail(where, std::string("missing '") + name + "'");
  return object.at(name);
}

std::string text(const json& object, const char* name, const std::string& where) {
  const json& v = field(object, name, where);
  if (!v.is_string()) fail(where + "." + name, "expected a string");
  return v.get<std::string>();
}

std::string optional_text(const json& object, const char* name, const std::string& where) {
  if (!object.contains(name) || object.at(name).is_null()) return "";
  return text(object, name, where);
}

DimExpr dim(const json& v, const std::string& where) {
  if (v.is_number_integer()) return DimExpr(v.get<int64_t>());
  if (v.is_string())
    if (auto e = DimExpr::parse(v.get<std::string>())) return *e;
  fail(where, "expected an integer or an expression, got " + v.dump());
}

std::optional<Location> location(const json& v, const std::string& where) {
  if (v.is_null()) return std::nullopt;
  Location l;
  l.file = text(v, "file", where);
  const json& line = field(v, "line", where);
  const json& column = field(v, "column", where);
  if (!line.is_number_integer() || !column.is_number_integer()) fail(where, "line and column must be integers");
  l.line = line.get<int>();
  l.column = column.get<int>();
  return l;
}

// The "repeat" list of an entry or a module.
std::vector<SpecRepeat> repeats(const json& owner, const std::string& where) {
  std::vector<SpecRepeat> out;
  if (!owner.contains("repeat")) return out;
  const json& repeat = owner.at("repeat");
  if (!repeat.is_array()) fail(where + ".repeat", "expected an array");
  for (size_t i = 0; i < repeat.size(); ++i) {
    std::string at = where + ".repeat[" + std::to_string(i) + "]";
    SpecRepeat r;
    r.index = text(repeat[i], "index", at);
    r.from = dim(field(repeat[i], "from", at), at + ".from");
    r.to = dim(field(repeat[i], "to", at), at + ".to");
    const json& group = field(repeat[i], "group", at);
    if (!group.is_number_integer()) fail(at + ".group", "expected an integer");
    r.group = group.get<int>();
    out.push_back(std::move(r));
  }
  return out;
}

SpecEntry entry(const json& e, const std::string& where) {
  SpecEntry out;
  out.name = text(e, "name", where);
  std::string kind = text(e, "kind", where);
  if (kind == "parameter") out.kind = EntryKind::Parameter;
  else if (kind == "buffer") out.kind = EntryKind::Buffer;
  else fail(where + ".kind", "expected 'parameter' or 'buffer'");
  const json& shape = field(e, "shape", where);
  if (!shape.is_array()) fail(where + ".shape", "expected an array");
  for (size_t i = 0; i < shape.size(); ++i) out.shape.push_back(dim(shape[i], where + ".shape[" + std::to_string(i) + "]"));
  out.dtype = text(e, "dtype", where);
  out.layer = optional_text(e, "layer", where);
  if (e.contains("conditional")) {
    if (!e.at("conditional").is_boolean()) fail(where + ".conditional", "expected true or false");
    out.conditional = e.at("conditional").get<bool>();
  }
  out.condition = optional_text(e, "condition", where);
  out.repeat = repeats(e, where);
  if (e.contains("location")) out.location = location(e.at("location"), where + ".location");
  out.source = optional_text(e, "source", where);
  out.alias_of = optional_text(e, "alias_of", where);
  return out;
}

SpecModule module(const json& m, const std::string& where) {
  SpecModule out;
  out.name = text(m, "name", where);
  out.type = text(m, "type", where);
  out.condition = optional_text(m, "condition", where);
  out.conditional = !out.condition.empty();
  out.repeat = repeats(m, where);
  if (m.contains("location")) out.location = location(m.at("location"), where + ".location");
  return out;
}

ModelSpec read_document(std::string_view input);

}  // namespace

ModelSpec read_model_spec_json(std::string_view input) {
  try {
    return read_document(input);
  } catch (const json::exception& e) {
    throw ModelSpecError(std::string("modelspec: ") + e.what());
  }
}

namespace {
ModelSpec read_document(std::string_view input) {
  json doc = json::parse(input, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) throw ModelSpecError("modelspec: not valid JSON");
  if (!doc.is_object() || !doc.contains("schema") || doc.at("schema") != kModelSpecSchema)
    throw ModelSpecError(std::string("modelspec: not a ") + kModelSpecSchema + " document");
  ModelSpec spec;
  spec.root = optional_text(doc, "root", "root");
  spec.torch_headers = optional_text(doc, "torch_headers", "torch_headers");
  if (doc.contains("engine")) spec.engine = text(doc, "engine", "engine");
  spec.construction = optional_text(doc, "construction", "construction");
  if (doc.contains("inferred_from_runs")) {
    if (!doc.at("inferred_from_runs").is_number_integer()) fail("inferred_from_runs", "expected an integer");
    spec.inferred_from_runs = doc.at("inferred_from_runs").get<int>();
  }
  if (doc.contains("files_read")) {
    const json& files = doc.at("files_read");
    if (!files.is_array()) fail("files_read", "expected an array");
    for (size_t i = 0; i < files.size(); ++i) {
      if (!files[i].is_string()) fail("files_read[" + std::to_string(i) + "]", "expected a string");
      spec.files_read.push_back(files[i].get<std::string>());
    }
  }
  const json& symbols = field(doc, "symbols", "");
  if (!symbols.is_array()) fail("symbols", "expected an array");
  for (size_t i = 0; i < symbols.size(); ++i) {
    std::string at = "symbols[" + std::to_string(i) + "]";
    SpecSymbol s;
    s.name = text(symbols[i], "name", at);
    if (symbols[i].contains("default") && !symbols[i].at("default").is_null())
      s.default_value = text(symbols[i], "default", at);
    if (symbols[i].contains("default_value")) {
      if (!symbols[i].at("default_value").is_number_integer()) fail(at + ".default_value", "expected an integer");
      s.default_number = symbols[i].at("default_value").get<int64_t>();
    }
    // Written before "symbolic" existed: a symbol with a default had taken it.
    s.symbolic = symbols[i].value("symbolic", !s.default_value.has_value());
    if (symbols[i].contains("location")) s.location = location(symbols[i].at("location"), at + ".location");
    spec.symbols.push_back(std::move(s));
  }
  const json& entries = field(doc, "entries", "");
  if (!entries.is_array()) fail("entries", "expected an array");
  for (size_t i = 0; i < entries.size(); ++i) spec.entries.push_back(entry(entries[i], "entries[" + std::to_string(i) + "]"));
  if (doc.contains("modules")) {
    const json& modules = doc.at("modules");
    if (!modules.is_array()) fail("modules", "expected an array");
    for (size_t i = 0; i < modules.size(); ++i) spec.modules.push_back(module(modules[i], "modules[" + std::to_string(i) + "]"));
  }
  if (doc.contains("loaders")) {
    const json& loaders = doc.at("loaders");
    if (!loaders.is_array()) fail("loaders", "expected an array");
    for (size_t i = 0; i < loaders.size(); ++i) {
      std::string at = "loaders[" + std::to_string(i) + "]";
      SpecLoader l;
      l.function = text(loaders[i], "function", at);
      if (loaders[i].contains("location")) l.location = location(loaders[i].at("location"), at + ".location");
      spec.loaders.push_back(std::move(l));
    }
  }
  if (doc.contains("diagnostics")) {
    const json& diagnostics = doc.at("diagnostics");
    if (!diagnostics.is_array()) fail("diagnostics", "expected an array");
    for (size_t i = 0; i < diagnostics.size(); ++i) {
      std::string at = "diagnostics[" + std::to_string(i) + "]";
      auto rule = find_rule(text(diagnostics[i], "id", at));
      if (!rule) fail(at + ".id", "not a rule of the catalog");
      Diagnostic d = make_diagnostic(*rule, text(diagnostics[i], "message", at));
      std::string severity = optional_text(diagnostics[i], "severity", at);
      if (severity == "error") d.severity = Severity::Error;
      else if (severity == "warning") d.severity = Severity::Warning;
      else if (severity == "info") d.severity = Severity::Info;
      if (diagnostics[i].contains("location")) d.location = location(diagnostics[i].at("location"), at + ".location");
      spec.diagnostics.push_back(std::move(d));
    }
  }
  return spec;
}
}  // namespace

}  // namespace ckptcheck
