// Reads "ckptcheck/manifest/v1" strictly: a manifest is input like any
// checkpoint (it may come from a stranger's pull request), so every field is
// checked for presence and type, the reader's limits apply (reader_limits.h),
// and the first problem is a ReadError naming its JSON path.
#include <set>

#include "ckptcheck/formats/manifest.h"
#include "ckptcheck/formats/read_error.h"
#include "ckptcheck/rules/diagnostic_json.h"
#include "reader_limits.h"

namespace ckptcheck {
namespace {

using nlohmann::json;

// Bigger than any manifest of kMaxTensors tensors (~300 bytes a line), and
// read in place from the mapped file.
constexpr uint64_t kMaxManifestBytes = 256ull << 20;

[[noreturn]] void fail(const std::string& at, const std::string& what) {
  throw ReadError(RuleId::UnreadableFile, "", ReadError::kNoOffset,
                  "not a valid ckptcheck manifest: " + (at.empty() ? what : at + ": " + what));
}

const json& field(const json& object, const char* name, const std::string& at) {
  if (!object.is_object()) fail(at, "expected an object");
  if (!object.contains(name)) fail(at, std::string("missing '") + name + "'");
  return object.at(name);
}

std::string path(const std::string& at, const char* name) { return at.empty() ? name : at + "." + name; }

std::string text(const json& object, const char* name, const std::string& at) {
  const json& v = field(object, name, at);
  if (!v.is_string()) fail(path(at, name), "expected a string");
  if (v.get_ref<const std::string&>().size() > limits::kMaxNameBytes)
    fail(path(at, name), "longer than " + std::to_string(limits::kMaxNameBytes) + " bytes (kMaxNameBytes)");
  return v.get<std::string>();
}

std::optional<std::string> optional_text(const json& object, const char* name, const std::string& at) {
  if (field(object, name, at).is_null()) return std::nullopt;
  return text(object, name, at);
}

// An integer in [low, high]. The JSON parser keeps a non-negative integer
// as unsigned and a negative one as signed.
template <typename Int>
Int integer(const json& v, const std::string& at, Int low, Int high) {
  bool fits = false;
  if (v.is_number_unsigned()) {
    uint64_t u = v.get<uint64_t>();
    fits = u <= static_cast<uint64_t>(high) && (low <= Int(0) || u >= static_cast<uint64_t>(low));
  } else if (v.is_number_integer()) {
    if constexpr (std::is_signed_v<Int>) fits = v.get<int64_t>() >= static_cast<int64_t>(low);
  }
  if (!fits) fail(at, "expected an integer from " + std::to_string(low) + " to " + std::to_string(high));
  return v.is_number_unsigned() ? static_cast<Int>(v.get<uint64_t>()) : static_cast<Int>(v.get<int64_t>());
}

template <typename Int>
Int integer(const json& object, const char* name, const std::string& at, Int low, Int high) {
  return integer<Int>(field(object, name, at), path(at, name), low, high);
}

template <typename Int>
std::optional<Int> optional_integer(const json& object, const char* name, const std::string& at, Int low, Int high) {
  if (field(object, name, at).is_null()) return std::nullopt;
  return integer<Int>(object, name, at, low, high);
}

std::vector<int64_t> integers(const json& object, const char* name, const std::string& at, int64_t low) {
  const json& v = field(object, name, at);
  if (!v.is_array()) fail(path(at, name), "expected an array of integers");
  if (v.size() > limits::kMaxTensorRank)
    fail(path(at, name), "more than " + std::to_string(limits::kMaxTensorRank) + " dimensions (kMaxTensorRank)");
  std::vector<int64_t> out;
  for (size_t i = 0; i < v.size(); ++i)
    out.push_back(integer<int64_t>(v[i], path(at, name) + "[" + std::to_string(i) + "]", low, INT64_MAX));
  return out;
}

std::vector<std::string> texts(const json& object, const char* name, const std::string& at) {
  const json& v = field(object, name, at);
  if (!v.is_array()) fail(path(at, name), "expected an array of strings");
  std::vector<std::string> out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) fail(path(at, name) + "[" + std::to_string(i) + "]", "expected a string");
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

std::map<std::string, std::string> string_map(const json& object, const char* name, const std::string& at) {
  const json& v = field(object, name, at);
  if (!v.is_object()) fail(path(at, name), "expected an object of strings");
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : v.items()) {
    if (!value.is_string()) fail(path(at, name) + "." + key, "expected a string");
    out[key] = value.get<std::string>();
  }
  return out;
}

const json& array(const json& object, const char* name, const std::string& at) {
  const json& v = field(object, name, at);
  if (!v.is_array()) fail(path(at, name), "expected an array");
  return v;
}

std::string one_of(const json& object, const char* name, const std::string& at,
                   std::initializer_list<const char*> allowed) {
  std::string value = text(object, name, at);
  std::string listed;
  for (const char* a : allowed) {
    if (value == a) return value;
    listed += std::string(listed.empty() ? "" : ", ") + "'" + a + "'";
  }
  fail(path(at, name), "'" + value + "' is not one of " + listed);
}

TensorEntry tensor(const json& t, const std::string& at) {
  TensorEntry out;
  out.name = text(t, "name", at);
  out.shape = integers(t, "shape", at, 0);
  out.stride = integers(t, "stride", at, INT64_MIN);
  out.dtype = text(t, "dtype", at);
  std::string kind = one_of(t, "kind", at, {"parameter", "buffer", "tensor"});
  out.kind = kind == "parameter" ? TensorKind::Parameter : kind == "buffer" ? TensorKind::Buffer : TensorKind::Tensor;
  const json& grad = field(t, "requires_grad", at);
  if (!grad.is_boolean()) fail(at + ".requires_grad", "expected true or false");
  out.requires_grad = grad.get<bool>();
  out.layout = one_of(t, "layout", at, {"strided", "sparse_coo", "sparse_csr", "quantized", "meta"});
  const json& storage = field(t, "storage", at);
  if (!storage.is_null()) {
    std::string where = at + ".storage";
    out.storage = StorageRef{text(storage, "key", where), integer<int64_t>(storage, "offset", where, 0, INT64_MAX),
                             integer<uint64_t>(storage, "nbytes", where, 0, UINT64_MAX)};
  }
  return out;
}

StateDictEntry state_dict(const json& s, const std::string& at) {
  StateDictEntry out;
  out.path = text(s, "path", at);
  out.tensors = integer<size_t>(s, "tensors", at, 0, limits::kMaxTensors);
  out.type = text(s, "type", at);
  const json& versions = field(s, "module_versions", at);
  if (!versions.is_null()) {
    if (!versions.is_object()) fail(at + ".module_versions", "expected an object of integers or null");
    out.module_versions.emplace();
    for (const auto& [module, version] : versions.items())
      (*out.module_versions)[module] =
          integer<int64_t>(version, at + ".module_versions." + module, INT64_MIN, INT64_MAX);
  }
  return out;
}

void read_loader_facts(const json& doc, Inventory& inv) {
  const std::string at = "loader_facts";
  const json& facts = field(doc, "loader_facts", "");
  inv.pickle_protocol = optional_integer<int>(facts, "pickle_protocol", at, 0, 255);
  inv.safetensors_header_bytes = optional_integer<uint64_t>(facts, "safetensors_header_bytes", at, 0, UINT64_MAX);
  inv.weights_only_refused = texts(facts, "weights_only_refused", at);
  inv.weights_only_unsupported_opcode = integer<int>(facts, "weights_only_unsupported_opcode", at, 0, 255);
  inv.filled_ordered_dict = optional_text(facts, "filled_ordered_dict", at);
  inv.filled_ordered_dict_opcode = integer<uint64_t>(facts, "filled_ordered_dict_opcode", at, 0, UINT64_MAX);
  inv.first_foreign_global = text(facts, "first_foreign_global", at);
  inv.first_foreign_global_opcode = integer<uint64_t>(facts, "first_foreign_global_opcode", at, 0, UINT64_MAX);
}

// A JSON file that is not a manifest: say what it looks like and how to make
// one. `schema` is the document's "schema" value, "" when it has none.
[[noreturn]] void refuse_other_json(const std::string& schema) {
  const std::string make = "make one with 'ckptcheck manifest CHECKPOINT'";
  if (schema == "ckptcheck/inventory/v1")
    throw ReadError(
        RuleId::UnreadableFile, "", ReadError::kNoOffset,
        "an 'inspect --format json' listing, not a manifest: it lacks the loader facts the check needs; " + make);
  if (schema.rfind("ckptcheck/manifest/", 0) == 0)
    throw ReadError(RuleId::UnsupportedFormat, "", ReadError::kNoOffset,
                    "a manifest of schema '" + schema + "', which this ckptcheck does not read (it reads " +
                        kManifestSchema + "); remake it with this version");
  throw ReadError(RuleId::UnreadableFile, "", ReadError::kNoOffset,
                  "a JSON text file, not a checkpoint or a ckptcheck manifest; " + make);
}

// Parses the document, turning each element of the top-level "tensors" array
// into a TensorEntry as soon as it is complete and dropping its JSON, so a
// 100,000-tensor manifest never exists as a JSON tree. Another document is
// refused by its "schema" as soon as that is read (the writer puts it first;
// a manifest whose keys were reordered still reads).
// Refuses nesting past kMaxJsonDepth and a key given twice in one object (a
// JSON tree keeps the last silently, so a second "tensors" would hide the first).
json parse(std::span<const uint8_t> bytes, std::vector<TensorEntry>& tensors) {
  std::string top_key;
  bool is_manifest = false;
  std::vector<std::set<std::string>> keys;  // per open object
  auto callback = [&](int depth, json::parse_event_t event, json& parsed) {
    if (static_cast<size_t>(depth) > limits::kMaxJsonDepth)
      fail("", "nested deeper than " + std::to_string(limits::kMaxJsonDepth) + " levels (kMaxJsonDepth)");
    switch (event) {
      case json::parse_event_t::object_start: keys.emplace_back(); break;
      case json::parse_event_t::key: {
        const std::string& key = parsed.get_ref<const std::string&>();
        if (!keys.empty() && !keys.back().insert(key).second)
          fail("", "the key '" + key + "' appears twice in one object");
        if (depth == 1) top_key = key;
        break;
      }
      case json::parse_event_t::value:
        if (depth == 1 && top_key == "schema") {
          if (!parsed.is_string() || parsed.get_ref<const std::string&>() != kManifestSchema)
            refuse_other_json(parsed.is_string() ? parsed.get<std::string>() : "");
          is_manifest = true;
        }
        break;
      case json::parse_event_t::object_end: {
        keys.pop_back();
        if (depth == 2 && top_key == "tensors") {
          if (tensors.size() >= limits::kMaxTensors)
            fail("tensors", "more than " + std::to_string(limits::kMaxTensors) + " tensors (kMaxTensors)");
          try {
            tensors.push_back(tensor(parsed, "tensors[" + std::to_string(tensors.size()) + "]"));
          } catch (const ReadError&) {
            if (!is_manifest) refuse_other_json("");  // a list of something else, before any "schema"
            throw;
          }
          return false;  // converted: not kept in the tree
        }
        break;
      }
      default: break;
    }
    return true;
  };
  json doc;
  try {
    doc = json::parse(bytes.begin(), bytes.end(), callback);
  } catch (const json::exception& e) {
    fail("", std::string("not valid JSON (") + e.what() + ")");
  }
  if (!is_manifest) refuse_other_json("");
  return doc;
}

}  // namespace

Inventory read_manifest(std::span<const uint8_t> bytes, const std::string& name) {
  if (bytes.size() > kMaxManifestBytes)
    throw ReadError(RuleId::UnreadableFile, "", ReadError::kNoOffset,
                    "a JSON file of " + std::to_string(bytes.size()) + " bytes, larger than a manifest may be (" +
                        std::to_string(kMaxManifestBytes) + " bytes)");
  Inventory inv;
  json doc = parse(bytes, inv.tensors);
  inv.file = name;
  const json& checkpoint = field(doc, "checkpoint", "");
  StandIn stand_in;
  stand_in.kind = "manifest";
  stand_in.of = text(checkpoint, "file", "checkpoint");
  stand_in.size = optional_integer<uint64_t>(checkpoint, "size", "checkpoint", 0, UINT64_MAX);
  stand_in.sha256 = optional_text(checkpoint, "sha256", "checkpoint").value_or("");
  inv.stand_in = std::move(stand_in);
  text(doc, "made_by", "");
  inv.format = one_of(doc, "format", "", {"torch-zip", "torch-legacy", "torchscript", "safetensors"});
  inv.content = one_of(doc, "content", "", {"state_dict", "checkpoint", "module", "torchscript"});
  inv.properties = string_map(doc, "properties", "");
  inv.metadata = string_map(doc, "metadata", "");
  read_loader_facts(doc, inv);
  array(doc, "tensors", "");  // its elements were converted while parsing
  const json& modules = array(doc, "modules", "");
  for (size_t i = 0; i < modules.size(); ++i) {
    std::string at = "modules[" + std::to_string(i) + "]";
    inv.modules.push_back({text(modules[i], "path", at), text(modules[i], "type", at)});
  }
  const json& values = array(doc, "values", "");
  for (size_t i = 0; i < values.size(); ++i) {
    std::string at = "values[" + std::to_string(i) + "]";
    inv.values.push_back({text(values[i], "path", at), text(values[i], "summary", at)});
  }
  const json& state_dicts = array(doc, "state_dicts", "");
  for (size_t i = 0; i < state_dicts.size(); ++i)
    inv.state_dicts.push_back(state_dict(state_dicts[i], "state_dicts[" + std::to_string(i) + "]"));
  const json& diagnostics = array(doc, "diagnostics", "");
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    try {
      inv.diagnostics.push_back(diagnostic_from_json(diagnostics[i], "diagnostics[" + std::to_string(i) + "]"));
    } catch (const DiagnosticJsonError& e) {
      fail("", e.what());
    }
  }
  return inv;
}

}  // namespace ckptcheck
