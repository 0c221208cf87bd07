#include "ckptcheck/rules/model_spec_text.h"

#include <algorithm>

#include "ckptcheck/rules/display.h"

namespace ckptcheck {
namespace {

// "  for i in [0, num_layers)", one clause per loop, outermost first.
std::string repeat_text(const std::vector<SpecRepeat>& repeat) {
  std::string s;
  for (const SpecRepeat& r : repeat)
    s += "  for " + r.index + " in [" + r.from.to_string() + ", " + r.to.to_string() + ")";
  return s;
}

std::string location_text(const std::optional<Location>& l) {
  if (!l) return "";
  return l->file + ":" + std::to_string(l->line) + ":" + std::to_string(l->column);
}

}  // namespace

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
        << pad(entry_kind_name(e.kind), 9) << "  " << location_text(e.location) << repeat_text(e.repeat)
        << (e.conditional ? "  if " + e.condition : "") << '\n';
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
