#include "ckptcheck/rules/model_spec_json.h"

#include "ckptcheck/rules/display.h"

#include <nlohmann/json.hpp>

namespace ckptcheck {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// A number when known, else the expression as a string ("4*hidden").
ordered_json dim_json(const DimExpr& d) {
  auto c = d.constant();
  return c ? ordered_json(*c) : ordered_json(d.to_string());
}

ordered_json location_json(const std::optional<Location>& l) {
  if (!l) return nullptr;
  return {{"file", l->file}, {"line", l->line}, {"column", l->column}};
}

ordered_json repeat_json(const std::vector<SpecRepeat>& repeat) {
  ordered_json out = ordered_json::array();
  for (const SpecRepeat& r : repeat)
    out.push_back({{"index", r.index}, {"from", dim_json(r.from)}, {"to", dim_json(r.to)}, {"group", r.group}});
  return out;
}

ordered_json entry_json(const SpecEntry& e) {
  ordered_json shape = ordered_json::array();
  for (const DimExpr& d : e.shape) shape.push_back(dim_json(d));
  ordered_json j{{"name", e.name},   {"kind", entry_kind_name(e.kind)}, {"shape", shape}, {"dtype", e.dtype},
                 {"layer", e.layer}, {"conditional", e.conditional}};
  if (e.conditional) j["condition"] = e.condition;
  if (!e.repeat.empty()) j["repeat"] = repeat_json(e.repeat);
  j["location"] = location_json(e.location);
  if (!e.source.empty()) j["source"] = e.source;
  if (!e.alias_of.empty()) j["alias_of"] = e.alias_of;
  return j;
}

ordered_json module_json(const SpecModule& m) {
  ordered_json j{{"name", m.name}, {"type", m.type}};
  if (m.conditional) j["condition"] = m.condition;
  if (!m.repeat.empty()) j["repeat"] = repeat_json(m.repeat);
  j["location"] = location_json(m.location);
  return j;
}

ordered_json document(const ModelSpec& spec) {
  ordered_json doc{
      {"schema", kModelSpecSchema},
      {"root", spec.root.empty() ? ordered_json(nullptr) : ordered_json(spec.root)},
      {"torch_headers", spec.torch_headers.empty() ? ordered_json(nullptr) : ordered_json(spec.torch_headers)},
      {"engine", spec.engine}};
  if (!spec.construction.empty()) doc["construction"] = spec.construction;
  if (spec.inferred_from_runs > 0) doc["inferred_from_runs"] = spec.inferred_from_runs;
  if (!spec.files_read.empty()) doc["files_read"] = spec.files_read;
  ordered_json symbols = ordered_json::array();
  for (const SpecSymbol& s : spec.symbols) {
    ordered_json j{{"name", s.name},
                   {"default", s.default_value ? ordered_json(*s.default_value) : ordered_json(nullptr)}};
    if (s.default_number) j["default_value"] = *s.default_number;
    j["symbolic"] = s.symbolic;
    j["location"] = location_json(s.location);
    symbols.push_back(std::move(j));
  }
  doc["symbols"] = std::move(symbols);
  doc["entries"] = ordered_json::array();
  for (const SpecEntry& e : spec.entries) doc["entries"].push_back(entry_json(e));
  if (!spec.modules.empty()) {
    doc["modules"] = ordered_json::array();
    for (const SpecModule& m : spec.modules) doc["modules"].push_back(module_json(m));
  }
  if (!spec.loaders.empty()) {
    doc["loaders"] = ordered_json::array();
    for (const SpecLoader& l : spec.loaders)
      doc["loaders"].push_back({{"function", l.function}, {"location", location_json(l.location)}});
  }
  doc["diagnostics"] = ordered_json::array();
  for (const Diagnostic& d : spec.diagnostics) {
    const RuleInfo& r = rule_info(d.rule);
    doc["diagnostics"].push_back({{"id", r.code},
                                  {"name", r.name},
                                  {"severity", severity_name(d.severity)},
                                  {"message", d.message},
                                  {"location", location_json(d.location)}});
  }
  return doc;
}

std::string compact(const ordered_json& j) { return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace); }

}  // namespace

void write_model_spec_json(std::ostream& out, const ModelSpec& spec) {
  ordered_json doc = document(spec);
  out << '{';
  bool first = true;
  for (const auto& [key, value] : doc.items()) {
    out << (first ? "" : ",\n ") << compact(key) << ':';
    first = false;
    bool listed = value.is_array() && !value.empty() && value.front().is_object();
    if (!listed) {
      out << compact(value);
      continue;
    }
    out << '[';
    for (size_t i = 0; i < value.size(); ++i) out << (i ? ",\n  " : "\n  ") << compact(value[i]);
    out << ']';
  }
  out << "}\n";
}

namespace {

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
  fail(where, "expected an integer or an expression, got " + excerpt(v.dump()));
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
      Diagnostic d = Diagnostic::of(*rule, text(diagnostics[i], "message", at));
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
