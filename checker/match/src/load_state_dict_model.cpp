#include "load_state_dict_model.h"

#include <map>
#include <set>
#include <unordered_map>

#include "argument_values.h"
#include "name_pattern.h"

namespace ckptcheck {
namespace {

struct PythonModule {
  std::set<std::string> entries;   // its own parameters and persistent buffers, by local name
  std::set<std::string> children;  // by local name
  bool batch_norm = false;
  // InstanceNorm drops running statistics it does not track, with a warning,
  // instead of calling them unexpected.
  bool instance_norm = false;
};

// The module tree as Python's _modules would hold it: the spec's modules and
// every module that holds an entry, with their ancestors.
std::map<std::string, PythonModule> module_tree(const ModelSpec& spec, const Expansion& expansion) {
  std::map<std::string, PythonModule> modules;
  auto add = [&](std::string path) -> PythonModule& {
    PythonModule& m = modules[path];
    for (std::string child = path; !child.empty(); child = module_of(child))
      modules[module_of(child)].children.insert(leaf_of(child));
    return m;
  };
  add("");
  for (const SpecModule& m : spec.modules)
    if (!m.name.empty() && !m.conditional && m.name.find('{') == std::string::npos) {
      PythonModule& module = add(m.name);
      module.batch_norm = m.type.find("BatchNorm") != std::string::npos;
      module.instance_norm = m.type.find("InstanceNorm") != std::string::npos;
    }
  for (const ExpectedEntry& e : expansion.entries) add(module_of(e.name)).entries.insert(leaf_of(e.name));
  return modules;
}

}  // namespace

std::optional<std::vector<LoadStateDictVerdict>> predict_load_state_dict(const ModelSpec& spec,
                                                                         const Expansion& expansion,
                                                                         const std::vector<FileTensor>& tensors,
                                                                         const std::string& state_dict_key,
                                                                         const StateDictEntry* state_dict) {
  if (expansion.truncated || !expansion.unexpanded.empty()) return std::nullopt;
  for (const ExpectedEntry& e : expansion.entries)
    if (e.undecided) return std::nullopt;
  for (const SpecModule& m : spec.modules)
    if (m.conditional) return std::nullopt;

  // The state dict's own keys: ckptcheck's prefix and rename rewrites are not
  // the loader's.
  const size_t prefix = state_dict_key.empty() ? 0 : state_dict_key.size() + 1;
  std::unordered_map<std::string, const TensorEntry*> file;
  for (const FileTensor& t : tensors) file.emplace(t.original_name.substr(prefix), t.tensor);
  const std::map<std::string, PythonModule> modules = module_tree(spec, expansion);

  LoadStateDictVerdict v;
  for (const ExpectedEntry& e : expansion.entries) {
    auto it = file.find(e.name);
    if (it == file.end()) {
      auto owner = modules.find(module_of(e.name));
      if (owner != modules.end() && owner->second.batch_norm && leaf_of(e.name) == "num_batches_tracked") {
        if (!state_dict) return std::nullopt;
        // BatchNorm's _load_from_state_dict: version = _metadata[its path]["version"].
        const auto& versions = state_dict->module_versions;
        auto version = versions ? versions->find(owner->first) : std::map<std::string, int64_t>::const_iterator();
        if (!versions || version == versions->end() || version->second < 2) continue;  // filled in with 0
      }
      v.missing.push_back(e.name);
      continue;
    }
    const std::vector<int64_t>& shape = it->second->shape;
    // torch 1.13 reads any 1-dimensional tensor into a 0-dimensional entry
    // (its first element), for state dicts older than 0-dimensional tensors.
    bool scalar_from_vector = e.shape.empty() && shape.size() == 1;
    if (!same_shape(e.shape, shape) && !scalar_from_vector)
      v.size_mismatch.push_back(e.name);
    else if (it->second->dtype != e.from->entry->dtype)
      v.cast.push_back(e.name);
  }
  for (const FileTensor& t : tensors) {
    const std::string key = t.original_name.substr(prefix);
    // The deepest module whose prefix the key has decides: the key's next
    // name must be one of that module's entries or children.
    std::string path;
    std::string rest = key;
    for (;;) {
      const PythonModule& m = modules.at(path);
      size_t dot = rest.find('.');
      std::string first = rest.substr(0, dot);
      // A key that names a child module itself ("fc") is under no prefix
      // of that child's ("fc."): no module reads it, and none objects.
      if (m.entries.contains(first) || (m.children.contains(first) && dot == std::string::npos)) break;
      if (!m.children.contains(first)) {
        if (m.instance_norm) return std::nullopt;
        v.unexpected.push_back(key);
        break;
      }
      path = path.empty() ? first : path + "." + first;
      rest = rest.substr(dot + 1);
    }
  }
  LoadStateDictVerdict not_strict = v;
  not_strict.strict = false;
  not_strict.raises = !v.size_mismatch.empty();
  v.strict = true;
  v.raises = not_strict.raises || !v.missing.empty() || !v.unexpected.empty();
  return std::vector<LoadStateDictVerdict>{std::move(v), std::move(not_strict)};
}

}  // namespace ckptcheck
