#include "ckptcheck/rules/model_spec_output.h"

#include "ckptcheck/rules/display.h"

#include <algorithm>
#include <cstdio>

namespace ckptcheck {
namespace {

// A number when known, else the expression as a string ("4*hidden").
std::string dim_json(const DimExpr& d) {
  auto c = d.constant();
  return c ? std::to_string(*c) : json_quote(d.to_string());
}

std::string shape_json(const std::vector<DimExpr>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + dim_json(shape[i]);
  return s + "]";
}

// "  for i in [0, num_layers)", one clause per loop, outermost first.
std::string repeat_text(const std::vector<SpecRepeat>& repeat) {
  std::string s;
  for (const SpecRepeat& r : repeat) s += "  for " + r.index + " in [" + r.from.to_string() + ", " + r.to.to_string() + ")";
  return s;
}

std::string location_json(const std::optional<Location>& l) {
  if (!l) return "null";
  return "{\"file\":" + json_quote(l->file) + ",\"line\":" + std::to_string(l->line) + ",\"column\":" +
         std::to_string(l->column) + "}";
}

std::string location_text(const std::optional<Location>& l) {
  if (!l) return "";
  return l->file + ":" + std::to_string(l->line) + ":" + std::to_string(l->column);
}

}  // namespace

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

void write_model_spec_json(std::ostream& out, const ModelSpec& spec) {
  out << "{\"schema\":" << json_quote(kModelSpecSchema) << ",\n \"root\":"
      << (spec.root.empty() ? "null" : json_quote(spec.root))
      << ",\n \"torch_headers\":" << (spec.torch_headers.empty() ? "null" : json_quote(spec.torch_headers))
      << ",\n \"engine\":" << json_quote(spec.engine);
  if (!spec.construction.empty()) out << ",\n \"construction\":" << json_quote(spec.construction);
  if (spec.inferred_from_runs > 0) out << ",\n \"inferred_from_runs\":" << spec.inferred_from_runs;
  if (!spec.files_read.empty()) {
    out << ",\n \"files_read\":[";
    for (size_t i = 0; i < spec.files_read.size(); ++i) out << (i ? "," : "") << json_quote(spec.files_read[i]);
    out << ']';
  }
  out
      << ",\n \"symbols\":[";
  for (size_t i = 0; i < spec.symbols.size(); ++i) {
    const SpecSymbol& s = spec.symbols[i];
    out << (i ? ",\n  " : "\n  ") << "{\"name\":" << json_quote(s.name)
        << ",\"default\":" << (s.default_value ? json_quote(*s.default_value) : "null");
    if (s.default_number) out << ",\"default_value\":" << *s.default_number;
    out << ",\"symbolic\":" << (s.symbolic ? "true" : "false") << ",\"location\":" << location_json(s.location) << '}';
  }
  out << "],\n \"entries\":[";
  for (size_t i = 0; i < spec.entries.size(); ++i) {
    const SpecEntry& e = spec.entries[i];
    out << (i ? ",\n  " : "\n  ") << "{\"name\":" << json_quote(e.name) << ",\"kind\":\"" << entry_kind_name(e.kind)
        << "\",\"shape\":" << shape_json(e.shape) << ",\"dtype\":" << json_quote(e.dtype)
        << ",\"layer\":" << json_quote(e.layer) << ",\"conditional\":" << (e.conditional ? "true" : "false");
    if (e.conditional) out << ",\"condition\":" << json_quote(e.condition);
    if (!e.repeat.empty()) {
      out << ",\"repeat\":[";
      for (size_t k = 0; k < e.repeat.size(); ++k) {
        const SpecRepeat& r = e.repeat[k];
        out << (k ? "," : "") << "{\"index\":" << json_quote(r.index) << ",\"from\":" << dim_json(r.from)
            << ",\"to\":" << dim_json(r.to) << ",\"group\":" << r.group << '}';
      }
      out << ']';
    }
    out << ",\"location\":" << location_json(e.location);
    if (!e.source.empty()) out << ",\"source\":" << json_quote(e.source);
    if (!e.alias_of.empty()) out << ",\"alias_of\":" << json_quote(e.alias_of);
    out << '}';
  }
  out << ']';
  if (!spec.modules.empty()) {
    out << ",\n \"modules\":[";
    for (size_t i = 0; i < spec.modules.size(); ++i) {
      const SpecModule& m = spec.modules[i];
      out << (i ? ",\n  " : "\n  ") << "{\"name\":" << json_quote(m.name) << ",\"type\":" << json_quote(m.type);
      if (m.conditional) out << ",\"condition\":" << json_quote(m.condition);
      if (!m.repeat.empty()) {
        out << ",\"repeat\":[";
        for (size_t k = 0; k < m.repeat.size(); ++k) {
          const SpecRepeat& r = m.repeat[k];
          out << (k ? "," : "") << "{\"index\":" << json_quote(r.index) << ",\"from\":" << dim_json(r.from)
              << ",\"to\":" << dim_json(r.to) << ",\"group\":" << r.group << '}';
        }
        out << ']';
      }
      out << ",\"location\":" << location_json(m.location) << '}';
    }
    out << ']';
  }
  if (!spec.loaders.empty()) {
    out << ",\n \"loaders\":[";
    for (size_t i = 0; i < spec.loaders.size(); ++i)
      out << (i ? ",\n  " : "\n  ") << "{\"function\":" << json_quote(spec.loaders[i].function)
          << ",\"location\":" << location_json(spec.loaders[i].location) << '}';
    out << ']';
  }
  out << ",\n \"diagnostics\":[";
  for (size_t i = 0; i < spec.diagnostics.size(); ++i) {
    const Diagnostic& d = spec.diagnostics[i];
    const RuleInfo& r = rule_info(d.rule);
    out << (i ? ",\n  " : "\n  ") << "{\"id\":\"" << r.code << "\",\"name\":\"" << r.name << "\",\"severity\":\""
        << severity_name(d.severity) << "\",\"message\":" << json_quote(d.message)
        << ",\"location\":" << location_json(d.location) << '}';
  }
  out << "]}\n";
}

void write_model_spec_text(std::ostream& out, const ModelSpec& spec) {
  size_t name_w = 4, shape_w = 5;
  for (const SpecEntry& e : spec.entries) {
    name_w = std::max(name_w, e.name.size());
    shape_w = std::max(shape_w, shape_text(e.shape).size());
  }
  auto pad = [](const std::string& s, size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); };
  out << (spec.root.empty() ? "<no root>" : spec.root) << ": " << spec.entries.size() << " entries";
  if (!spec.symbols.empty()) {
    out << "; symbols:";
    for (const SpecSymbol& s : spec.symbols) out << ' ' << s.name << (s.default_value ? "=" + *s.default_value : "");
  }
  out << '\n';
  if (!spec.entries.empty())
    out << "  " << pad("name", name_w) << "  " << pad("shape", shape_w) << "  dtype     kind       registered at\n";
  for (const SpecEntry& e : spec.entries)
    out << "  " << pad(e.name, name_w) << "  " << pad(shape_text(e.shape), shape_w) << "  " << pad(e.dtype, 8) << "  "
        << pad(entry_kind_name(e.kind), 9) << "  " << location_text(e.location)
        << repeat_text(e.repeat) << (e.conditional ? "  if " + e.condition : "") << '\n';
  for (const SpecLoader& l : spec.loaders)
    out << (l.location ? location_text(l.location) + ": " : "") << "loads a checkpoint with " << l.function << '\n';
  for (const Diagnostic& d : spec.diagnostics) {
    const RuleInfo& r = rule_info(d.rule);
    out << (d.location ? location_text(d.location) + ": " : "") << severity_name(d.severity) << ": " << d.message
        << " [" << r.code << ' ' << r.name << "]\n";
  }
  if (!spec.construction.empty()) out << "(constructed as " << spec.construction << ")\n";
  if (spec.inferred_from_runs > 0)
    out << "(expressions over symbols fitted to " << spec.inferred_from_runs << " runs of the constructor)\n";
  for (const std::string& f : spec.files_read) out << "(the constructor read " << f << ")\n";
  if (spec.engine == "static" && spec.torch_headers == "bundled")
    out << "(parsed with ckptcheck's bundled LibTorch declarations; LibTorch's headers were not used)\n";
}

}  // namespace ckptcheck
