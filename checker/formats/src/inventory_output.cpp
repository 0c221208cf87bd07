#include "ckptcheck/formats/inventory_output.h"
#include "ckptcheck/rules/display.h"

#include <algorithm>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace ckptcheck {
namespace {

std::string quoted(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string int_array(const std::vector<int64_t>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
  return s + "]";
}

std::string human_bytes(uint64_t n) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double v = static_cast<double>(n);
  int u = 0;
  while (v >= 1024 && u < 6) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

std::string location_json(const Location& l) {
  return "{\"file\":" + quoted(l.file) + ",\"line\":" + std::to_string(l.line) +
         ",\"column\":" + std::to_string(l.column) + "}";
}

}  // namespace

uint64_t element_count(const std::vector<int64_t>& shape) {
  uint64_t n = 1;
  for (int64_t d : shape) {
    if (d <= 0) return 0;
    if (__builtin_mul_overflow(n, static_cast<uint64_t>(d), &n)) return UINT64_MAX;
  }
  return n;
}

void write_diagnostic_text(std::ostream& out, const std::string& file, const Diagnostic& d) {
  const RuleInfo& r = rule_info(d.rule);
  out << terminal_safe(d.location ? d.location->file : file) << ": " << severity_name(d.severity) << ": "
      << terminal_safe(d.message) << " [" << r.code << ' ' << r.name << "]\n";
}

// Names, values and metadata come from the file: each is printed through
// terminal_safe(), so a key holding "\n...: error:" or an ANSI escape can neither
// forge a diagnostic line nor drive the terminal.
void write_inventory_text(std::ostream& out, const Inventory& inv) {
  uint64_t elements = 0, bytes = 0;
  std::set<std::string_view> seen_storages;  // views into inv: no copy of a key per tensor
  size_t name_w = 4, shape_w = 5, dtype_w = 5;
  for (const TensorEntry& t : inv.tensors) {
    uint64_t n = element_count(t.shape);
    elements = n > UINT64_MAX - elements ? UINT64_MAX : elements + n;
    // Saturating: declared sizes come from the file and may sum past 2^64.
    if (t.storage && seen_storages.insert(t.storage->key).second)
      bytes = t.storage->nbytes > UINT64_MAX - bytes ? UINT64_MAX : bytes + t.storage->nbytes;
    name_w = std::max(name_w, terminal_safe(t.name).size());
    shape_w = std::max(shape_w, shape_text(t.shape).size());
    dtype_w = std::max(dtype_w, t.dtype.size());
  }
  name_w = std::min<size_t>(name_w, 72);
  out << terminal_safe(inv.file) << ": " << inv.format << ' ' << inv.content << ", " << inv.tensors.size()
      << (inv.tensors.size() == 1 ? " tensor, " : " tensors, ") << elements << " elements, " << human_bytes(bytes)
      << " of tensor data";
  std::string details;
  for (const char* key : {"archive_name", "version", "pickle_protocol", "byteorder"})
    if (auto it = inv.properties.find(key); it != inv.properties.end())
      details += (details.empty() ? "" : ", ") + std::string(key) + " " + terminal_safe(it->second);
  if (!details.empty()) out << " (" << details << ")";
  out << '\n';
  if (inv.stand_in) {
    out << "  not the checkpoint itself: "
        << (inv.stand_in->kind == "manifest" ? "a manifest" : "a " + inv.stand_in->kind);
    if (!inv.stand_in->of.empty()) out << " of " << terminal_safe(inv.stand_in->of);
    if (inv.stand_in->size) out << ", " << *inv.stand_in->size << " bytes";
    if (!inv.stand_in->sha256.empty()) out << ", sha256 " << terminal_safe(inv.stand_in->sha256);
    out << '\n';
  }
  if (!inv.tensors.empty()) {
    auto pad = [&](const std::string& s, size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); };
    out << "  " << pad("name", name_w) << "  " << pad("shape", shape_w) << "  " << pad("dtype", dtype_w) << "  kind\n";
    for (const TensorEntry& t : inv.tensors) {
      out << "  " << pad(terminal_safe(t.name), name_w) << "  " << pad(shape_text(t.shape), shape_w) << "  "
          << pad(terminal_safe(t.dtype), dtype_w) << "  " << tensor_kind_name(t.kind);
      if (t.layout != "strided") out << " (" << t.layout << ")";
      out << '\n';
    }
  }
  if (!inv.modules.empty()) {
    out << "  modules:\n";
    for (const ModuleEntry& m : inv.modules)
      out << "    " << (m.path.empty() ? "<root>" : terminal_safe(m.path)) << "  " << terminal_safe(m.type) << '\n';
  }
  if (!inv.values.empty()) {
    out << "  other values:\n";
    for (const ValueEntry& v : inv.values)
      out << "    " << (v.path.empty() ? "<root>" : terminal_safe(v.path)) << "  " << terminal_safe(v.summary) << '\n';
  }
  for (const auto& [k, v] : inv.metadata) out << "  metadata " << terminal_safe(k) << ": " << terminal_safe(v) << '\n';
  for (const Diagnostic& d : inv.diagnostics) write_diagnostic_text(out, inv.file, d);
}

void JsonInventoryWriter::begin(const Inventory& inv) {
  std::ostream& out = out_;
  out << "{\"schema\":" << quoted(kInventorySchema) << ",\n \"file\":" << quoted(inv.file)
      << ",\n \"format\":" << (inv.format.empty() ? "null" : quoted(inv.format))
      << ",\n \"content\":" << (inv.content.empty() ? "null" : quoted(inv.content)) << ",\n \"stand_in\":";
  if (inv.stand_in)
    out << "{\"kind\":" << quoted(inv.stand_in->kind)
        << ",\"of\":" << (inv.stand_in->of.empty() ? "null" : quoted(inv.stand_in->of))
        << ",\"size\":" << (inv.stand_in->size ? std::to_string(*inv.stand_in->size) : "null")
        << ",\"sha256\":" << (inv.stand_in->sha256.empty() ? "null" : quoted(inv.stand_in->sha256)) << '}';
  else
    out << "null";
  out << ",\n \"properties\":{";
  bool first = true;
  for (const auto& [k, v] : inv.properties) { out << (first ? "" : ",") << quoted(k) << ':' << quoted(v); first = false; }
  out << "},\n \"metadata\":{";
  first = true;
  for (const auto& [k, v] : inv.metadata) { out << (first ? "" : ",") << quoted(k) << ':' << quoted(v); first = false; }
  out << "},\n \"tensors\":[";
  tensors_ = 0;
}

void JsonInventoryWriter::tensor(const TensorEntry& t) {
  std::ostream& out = out_;
  out << (tensors_++ ? ",\n  " : "\n  ") << "{\"name\":" << quoted(t.name) << ",\"shape\":" << int_array(t.shape)
      << ",\"dtype\":" << quoted(t.dtype) << ",\"kind\":\"" << tensor_kind_name(t.kind) << '"'
      << ",\"stride\":" << int_array(t.stride) << ",\"requires_grad\":" << (t.requires_grad ? "true" : "false")
      << ",\"layout\":" << quoted(t.layout) << ",\"storage\":";
  if (t.storage)
    out << "{\"key\":" << quoted(t.storage->key) << ",\"offset\":" << t.storage->offset
        << ",\"nbytes\":" << t.storage->nbytes << '}';
  else
    out << "null";
  out << '}';
}

void JsonInventoryWriter::end(const Inventory& inv) {
  std::ostream& out = out_;
  out << "],\n \"modules\":[";
  for (size_t i = 0; i < inv.modules.size(); ++i)
    out << (i ? ",\n  " : "\n  ") << "{\"path\":" << quoted(inv.modules[i].path) << ",\"type\":" << quoted(inv.modules[i].type) << '}';
  out << "],\n \"state_dicts\":[";
  for (size_t i = 0; i < inv.state_dicts.size(); ++i)
    out << (i ? "," : "") << "{\"path\":" << quoted(inv.state_dicts[i].path)
        << ",\"tensors\":" << inv.state_dicts[i].tensors << ",\"type\":" << quoted(inv.state_dicts[i].type) << '}';
  out << "],\n \"values\":[";
  for (size_t i = 0; i < inv.values.size(); ++i)
    out << (i ? ",\n  " : "\n  ") << "{\"path\":" << quoted(inv.values[i].path) << ",\"summary\":" << quoted(inv.values[i].summary) << '}';
  out << "],\n \"diagnostics\":[";
  for (size_t i = 0; i < inv.diagnostics.size(); ++i) {
    const Diagnostic& d = inv.diagnostics[i];
    const RuleInfo& r = rule_info(d.rule);
    out << (i ? ",\n  " : "\n  ") << "{\"id\":\"" << r.code << "\",\"name\":\"" << r.name << "\",\"severity\":\""
        << severity_name(d.severity) << "\",\"message\":" << quoted(d.message);
    if (d.location) out << ",\"location\":" << location_json(*d.location);
    out << '}';
  }
  out << "]}\n";
}

void write_inventory_json(std::ostream& out, const Inventory& inv) {
  JsonInventoryWriter writer(out);
  writer.begin(inv);
  for (const TensorEntry& t : inv.tensors) writer.tensor(t);
  writer.end(inv);
}

}  // namespace ckptcheck
