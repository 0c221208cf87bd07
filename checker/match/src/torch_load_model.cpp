#include "torch_load_model.h"

#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "argument_values.h"
#include "name_pattern.h"

namespace ckptcheck {
namespace {

struct ModuleNode {
  std::vector<const ExpectedEntry*> parameters, buffers;
  // Children in registration order. A repeated module of the spec holds its
  // place as a pattern until its instances (known from their entries) are
  // inserted before it.
  struct Child {
    std::string path;
    std::optional<NamePattern> pattern;
  };
  std::vector<Child> children;
  bool serializable = true;
  std::optional<Location> location;
};

// The model's module tree, in the order Module::load walks it.
class ModuleTree {
 public:
  ModuleTree(const ModelSpec& spec, const Expansion& expansion)
      : partial_(expansion.truncated || !expansion.unexpanded.empty()) {
    nodes_[""];
    std::unordered_set<std::string> owners;  // modules holding an entry of the spec, at any depth
    for (const SpecEntry& e : spec.entries)
      for (std::string& path : enclosing_modules(e.name)) owners.insert(std::move(path));
    for (const SpecModule& m : spec.modules) {
      if (m.name.empty()) continue;
      if (m.conditional) {
        partial_ = true;
        continue;
      }
      if (m.name.find('{') != std::string::npos) {
        // Its instances come from the entries written out; without any
        // entries of its own, how many there are is not known.
        partial_ |= !owners.contains(m.name);
        auto it = nodes_.find(module_of(m.name));
        if (it != nodes_.end()) it->second.children.push_back({m.name, NamePattern::parse(m.name)});
        continue;
      }
      ModuleNode& node = add(m.name);
      node.serializable = torch_load_needs(m.type);
      node.location = m.location;
    }
    for (const ExpectedEntry& e : expansion.entries) {
      if (e.undecided) {
        partial_ = true;
        continue;
      }
      ModuleNode& node = add(module_of(e.name));
      (e.from->entry->kind == EntryKind::Buffer ? node.buffers : node.parameters).push_back(&e);
    }
  }

  const ModuleNode& at(const std::string& path) const { return nodes_.at(path); }
  // Some of the model is not known member by member: which missing thing is
  // reached first cannot always be told.
  bool partial() const { return partial_; }

 private:
  ModuleNode& add(const std::string& path) {
    auto [it, created] = nodes_.try_emplace(path);
    if (!created || path.empty()) return it->second;
    std::string parent_path = module_of(path);
    add(parent_path);
    auto& siblings = nodes_.at(parent_path).children;
    auto place = siblings.end();
    for (auto s = siblings.begin(); s != siblings.end(); ++s)
      if (s->pattern && s->pattern->match(path)) place = s;
    siblings.insert(place, {path, std::nullopt});
    return it->second;
  }

  std::unordered_map<std::string, ModuleNode> nodes_;
  bool partial_ = false;
};

std::string tensor_error(const std::string& key) { return "No such serialized tensor '" + key + "'"; }
std::string submodule_error(const std::string& path) { return "No such serialized submodule: '" + path + "'"; }

}  // namespace

bool torch_load_needs(const std::string& module_type) { return module_type != "torch::nn::FunctionalImpl"; }

TorchLoadPrediction predict_torch_load(const ModelSpec& spec, const Expansion& expansion, const Inventory& inv) {
  ModuleTree tree(spec, expansion);
  std::unordered_map<std::string_view, const TensorEntry*> file_tensors;
  for (const TensorEntry& t : inv.tensors) file_tensors.emplace(t.name, &t);
  std::unordered_set<std::string_view> file_modules;
  for (const ModuleEntry& m : inv.modules) file_modules.insert(m.path);

  TorchLoadPrediction out;
  TorchLoadVerdict& v = out.verdict;
  auto lacks = [&](const std::string& error, const std::string& at, const std::optional<Location>& location) {
    if (!v.throws) {
      v.throws = true;
      v.at = at;
      out.location = location;
    }
    v.could_throw.push_back(error);
  };
  // Depth first, as Module::load recurses; an explicit stack, since a spec can
  // come from a file (--spec) and be arbitrarily deep.
  std::vector<std::string> pending = {""};
  while (!pending.empty()) {
    std::string path = std::move(pending.back());
    pending.pop_back();
    const ModuleNode& node = tree.at(path);
    if (!path.empty() && !file_modules.contains(path)) {
      // Its own subtree is never read: nothing in it can throw first.
      lacks(submodule_error(path), path, node.location);
      continue;
    }
    for (const auto* list : {&node.parameters, &node.buffers})
      for (const ExpectedEntry* e : *list) {
        auto it = file_tensors.find(e->name);
        if (it == file_tensors.end()) {
          lacks(tensor_error(e->name), e->name, e->from->entry->location);
          continue;
        }
        if (!same_shape(e->shape, it->second->shape)) v.resized.push_back(e->name);
        if (it->second->dtype != e->from->entry->dtype) v.corrupted.push_back(e->name);
      }
    for (auto child = node.children.rbegin(); child != node.children.rend(); ++child)
      if (!child->pattern && tree.at(child->path).serializable) pending.push_back(child->path);
  }
  if (!v.throws) return out;
  v.resized.clear();
  v.corrupted.clear();
  if (!tree.partial()) {
    v.error = v.could_throw.front();
    v.could_throw.clear();
  }
  return out;
}

}  // namespace ckptcheck
