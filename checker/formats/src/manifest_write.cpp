#include "ckptcheck/formats/manifest.h"
#include "ckptcheck/rules/diagnostic_json.h"

namespace ckptcheck {
namespace {

using ordered_json = nlohmann::ordered_json;

// Names come from untrusted files and may not be UTF-8: such bytes become
// U+FFFD rather than an exception halfway through the output.
std::string compact(const ordered_json& j) { return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace); }

ordered_json optional_number(const std::optional<uint64_t>& n) { return n ? ordered_json(*n) : ordered_json(nullptr); }

ordered_json tensor_json(const TensorEntry& t) {
  ordered_json storage = nullptr;
  if (t.storage) storage = {{"key", t.storage->key}, {"offset", t.storage->offset}, {"nbytes", t.storage->nbytes}};
  return {{"name", t.name},     {"shape", t.shape},
          {"dtype", t.dtype},   {"kind", tensor_kind_name(t.kind)},
          {"stride", t.stride}, {"requires_grad", t.requires_grad},
          {"layout", t.layout}, {"storage", storage}};
}

ordered_json state_dict_json(const StateDictEntry& s) {
  ordered_json versions = nullptr;
  if (s.module_versions) versions = ordered_json(*s.module_versions);
  return {{"path", s.path}, {"tensors", s.tensors}, {"type", s.type}, {"module_versions", versions}};
}

// What LibTorch's and Python's loaders decide by (checker/match/src/loaders.cpp).
ordered_json loader_facts(const Inventory& inv) {
  return {
      {"pickle_protocol", inv.pickle_protocol ? ordered_json(*inv.pickle_protocol) : ordered_json(nullptr)},
      {"safetensors_header_bytes", optional_number(inv.safetensors_header_bytes)},
      {"weights_only_refused", inv.weights_only_refused},
      {"weights_only_unsupported_opcode", inv.weights_only_unsupported_opcode},
      {"filled_ordered_dict", inv.filled_ordered_dict ? ordered_json(*inv.filled_ordered_dict) : ordered_json(nullptr)},
      {"filled_ordered_dict_opcode", inv.filled_ordered_dict_opcode},
      {"first_foreign_global", inv.first_foreign_global},
      {"first_foreign_global_opcode", inv.first_foreign_global_opcode}};
}

template <typename T, typename ToJson>
void write_list(std::ostream& out, const char* name, const std::vector<T>& items, ToJson to_json) {
  out << ",\n " << compact(name) << ":[";
  for (size_t i = 0; i < items.size(); ++i) out << (i ? ",\n  " : "\n  ") << compact(to_json(items[i]));
  out << ']';
}

}  // namespace

void write_manifest(std::ostream& out, const Inventory& inv, const CheckpointFacts& facts, std::string_view made_by) {
  ordered_json checkpoint = {{"file", facts.file},
                             {"size", optional_number(facts.size)},
                             {"sha256", facts.sha256.empty() ? ordered_json(nullptr) : ordered_json(facts.sha256)}};
  out << "{\"schema\":" << compact(kManifestSchema) << ",\n \"made_by\":" << compact(std::string(made_by))
      << ",\n \"checkpoint\":" << compact(checkpoint) << ",\n \"format\":" << compact(inv.format)
      << ",\n \"content\":" << compact(inv.content) << ",\n \"properties\":" << compact(inv.properties)
      << ",\n \"metadata\":" << compact(inv.metadata) << ",\n \"loader_facts\":" << compact(loader_facts(inv));
  write_list(out, "tensors", inv.tensors, tensor_json);
  write_list(out, "modules", inv.modules,
             [](const ModuleEntry& m) { return ordered_json{{"path", m.path}, {"type", m.type}}; });
  write_list(out, "values", inv.values,
             [](const ValueEntry& v) { return ordered_json{{"path", v.path}, {"summary", v.summary}}; });
  write_list(out, "state_dicts", inv.state_dicts, state_dict_json);
  write_list(out, "diagnostics", inv.diagnostics, [](const Diagnostic& d) { return ordered_json(diagnostic_json(d)); });
  out << "}\n";
}

}  // namespace ckptcheck
