// The saved object around the tensors: a whole module, a state dict, a
// training checkpoint, a TorchScript module (docs/FORMATS.md §4 and §5.2-5.3,
// read from torch/serialization.py and torch/nn/modules/module.py), and the
// globals the pickle names (CK201, CK202).
#include <algorithm>
#include <cstdio>
#include <set>

#include "ckptcheck/formats/read_error.h"
#include "pickle_access.h"
#include "pickle_allowlist.h"
#include "reader_limits.h"
#include "rules/CK201_unsafe_global.h"
#include "rules/CK202_weights_only_incompatible.h"
#include "torch_objects.h"

namespace ckptcheck {

using pickle::Kind;
using pickle::Value;

namespace {

std::string join(const std::string& prefix, std::string_view name) {
  return prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
}

std::string format_double(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", d);
  return buf;
}

}  // namespace

std::string TorchObjects::class_name(const Value& obj) const {
  if (obj.kind != Kind::Object) return {};
  const pickle::Node& n = g_->node(obj);
  const Value* cls = &n.callable;
  // copyreg._reconstructor(cls, base, state): protocol 0/1 object creation.
  if (pickle::is_global(*g_, *cls, "copyreg", "_reconstructor")) {
    auto a = pickle::args_of(*g_, obj);
    if (a.empty()) return {};
    cls = &a[0];
  }
  // Legacy format: the class arrives inside a ('module', cls, file, source) persistent id.
  if (cls->kind == Kind::PersId) {
    auto items = pickle::items_of_tuple(*g_, *cls);
    if (items.size() < 2) return {};
    cls = &items[1];
  }
  return cls->kind == Kind::Global ? g_->global(*cls).dotted() : std::string();
}

// A module's pickled __dict__ has '_modules' (nn.Module.__getstate__ keeps it).
static const Value* module_state(const pickle::Graph& g, const Value& v) {
  if (v.kind != Kind::Object) return nullptr;
  const Value* state = &g.node(v).state;
  if (state->kind == Kind::Tuple) {  // (dict, slots) form
    auto items = pickle::items_of_tuple(g, *state);
    if (items.empty()) return nullptr;
    state = &items[0];
  }
  if (state->kind != Kind::Dict || !pickle::dict_get(g, *state, "_modules")) return nullptr;
  return state;
}

bool TorchObjects::is_module(const Value& v) const { return module_state(*g_, v) != nullptr; }

// Walks a whole pickled nn.Module the way Module.state_dict() does: own parameters,
// then persistent buffers, then children, in insertion order.
void TorchObjects::walk_module(const Value& v, const std::string& prefix, size_t depth) {
  if (depth > limits::kMaxWalkDepth)
    throw ReadError(RuleId::UnreadableFile, record_, ReadError::kNoOffset,
                    "modules nested deeper than " + std::to_string(limits::kMaxWalkDepth));
  const Value* state = module_state(*g_, v);
  count_module_visit();
  if (on_path_[v.b]) {
    out_.diagnostics.push_back(Diagnostic::of(RuleId::CorruptEntry, "module '" + prefix + "' contains itself"));
    return;
  }
  on_path_[v.b] = true;
  out_.modules.push_back({prefix, class_name(v)});
  if (const Value* params = pickle::dict_get(*g_, *state, "_parameters"); params && pickle::pairs_of(*g_, *params)) {
    const auto& pairs = *pickle::pairs_of(*g_, *params);
    for (size_t i = 0; i + 1 < pairs.size(); i += 2) {
      auto name = pickle::as_str(*g_, pairs[i]);
      if (!name || pairs[i + 1].kind == Kind::None) continue;
      if (auto t = as_tensor(pairs[i + 1])) add_tensor(std::move(*t), join(prefix, *name), TensorKind::Parameter);
    }
  }
  std::set<std::string_view> non_persistent;
  if (const Value* np = pickle::dict_get(*g_, *state, "_non_persistent_buffers_set"))
    for (const Value& item : pickle::sequence_of(*g_, *np))
      if (auto s = pickle::as_str(*g_, item)) non_persistent.insert(*s);
  if (const Value* buffers = pickle::dict_get(*g_, *state, "_buffers"); buffers && pickle::pairs_of(*g_, *buffers)) {
    const auto& pairs = *pickle::pairs_of(*g_, *buffers);
    for (size_t i = 0; i + 1 < pairs.size(); i += 2) {
      auto name = pickle::as_str(*g_, pairs[i]);
      if (!name || pairs[i + 1].kind == Kind::None || non_persistent.count(*name)) continue;
      if (auto t = as_tensor(pairs[i + 1])) add_tensor(std::move(*t), join(prefix, *name), TensorKind::Buffer);
    }
  }
  if (const Value* children = pickle::dict_get(*g_, *state, "_modules"); children && pickle::pairs_of(*g_, *children)) {
    const auto& pairs = *pickle::pairs_of(*g_, *children);
    for (size_t i = 0; i + 1 < pairs.size(); i += 2) {
      auto name = pickle::as_str(*g_, pairs[i]);
      if (name && is_module(pairs[i + 1])) walk_module(pairs[i + 1], join(prefix, *name), depth + 1);
    }
  }
  on_path_[v.b] = false;
}

// Tensor count when `v` is a state dict (a dict-like of string keys whose values
// are all tensors), else nullopt.
std::optional<size_t> TorchObjects::state_dict_size(const Value& v) const {
  const auto* pairs = pickle::pairs_of(*g_, v);
  if (!pairs || pairs->empty()) return std::nullopt;
  for (size_t i = 0; i + 1 < pairs->size(); i += 2) {
    if (!pickle::as_str(*g_, (*pairs)[i])) return std::nullopt;
    const Value& value = (*pairs)[i + 1];
    if (value.kind == Kind::Extern && value.a == kTensorTag) continue;
    const pickle::GlobalRef* fn = pickle::callable_of(*g_, value);
    if (!fn || (fn->module != "torch._utils" && fn->module != "torch._tensor")) return std::nullopt;
  }
  return pairs->size() / 2;
}

StateDictEntry TorchObjects::state_dict_entry(const Value& v, const std::string& path, size_t tensors) const {
  StateDictEntry entry{path, tensors, dict_type(v), std::nullopt};
  // state_dict() sets _metadata as an attribute: the OrderedDict's BUILD state.
  if (v.kind != Kind::Object || g_->node(v).state.kind == Kind::Invalid) return entry;
  const Value* metadata = pickle::dict_get(*g_, g_->node(v).state, "_metadata");
  const auto* modules = metadata ? pickle::pairs_of(*g_, *metadata) : nullptr;
  if (!modules) return entry;
  entry.module_versions.emplace();
  for (size_t i = 0; i + 1 < modules->size(); i += 2) {
    auto module = pickle::as_str(*g_, (*modules)[i]);
    const Value* version = module ? pickle::dict_get(*g_, (*modules)[i + 1], "version") : nullptr;
    if (auto number = version ? pickle::as_int(*version) : std::nullopt)
      (*entry.module_versions)[std::string(*module)] = *number;
  }
  return entry;
}

// Inventory::filled_ordered_dict, for a dict-like value with items: the one
// filled first in the stream, whatever order the walk meets them in.
void TorchObjects::note_ordered_dict(const Value& v, const std::string& path) {
  if (v.kind != Kind::Object || dict_type(v) != "collections.OrderedDict") return;
  uint64_t opcode = g_->node(v).first_item_opcode;
  if (out_.filled_ordered_dict && opcode >= out_.filled_ordered_dict_opcode) return;
  out_.filled_ordered_dict = path;
  out_.filled_ordered_dict_opcode = opcode;
}

// The Python type of a dict-like value, as torch names it.
std::string TorchObjects::dict_type(const Value& v) const {
  if (v.kind == Kind::Dict) return "builtins.dict";
  if (pickle::is_call(*g_, v, "torch.jit._pickle", "restore_type_tag")) {
    auto a = pickle::args_of(*g_, v);
    return a.empty() ? "builtins.dict" : dict_type(a[0]);
  }
  const pickle::GlobalRef* c = pickle::callable_of(*g_, v);
  return c ? c->module + "." + c->name : "builtins.dict";
}

static std::string key_text(const pickle::Graph& g, const Value& k) {
  switch (k.kind) {
    case Kind::Str:
    case Kind::Bytes:
    case Kind::BigInt: return std::string(g.text(k));
    case Kind::Int: return std::to_string(static_cast<int64_t>(k.b));
    case Kind::Bool: return k.b ? "True" : "False";
    case Kind::None: return "None";
    default: return "<key>";
  }
}

// One line for a value that is not walked further. Nested values are shown a few
// levels deep only, so a value nested 50,000 deep costs no more than a flat one.
static std::string summarise(const pickle::Graph& g, const Value& v, int depth = 0) {
  constexpr int kSummaryDepth = 3;
  if (depth > kSummaryDepth) return "...";
  switch (v.kind) {
    case Kind::None: return "None";
    case Kind::Bool: return v.b ? "bool True" : "bool False";
    case Kind::Int: return "int " + std::to_string(static_cast<int64_t>(v.b));
    case Kind::BigInt: return "int " + std::string(g.text(v));
    case Kind::Float: return "float " + format_double(pickle::as_double(v));
    case Kind::Str: {
      std::string s(g.text(v).substr(0, 60));
      return "str '" + s + (g.text(v).size() > 60 ? "...'" : "'");
    }
    case Kind::Bytes: return "bytes[" + std::to_string(v.a) + "]";
    case Kind::Tuple:
    case Kind::List:
    case Kind::Set:
    case Kind::FrozenSet: {
      auto seq = pickle::sequence_of(g, v);
      const char* what = v.kind == Kind::Tuple ? "tuple" : v.kind == Kind::List ? "list" : "set";
      std::string s = std::string(what) + "[" + std::to_string(seq.size()) + "]";
      if (!seq.empty() && seq.size() <= 8) {
        s += " (";
        for (size_t i = 0; i < seq.size(); ++i) {
          std::string item = summarise(g, seq[i], depth + 1);
          auto space = item.find(' ');
          s += (i ? ", " : "") + (space == std::string::npos ? item : item.substr(space + 1));
        }
        s += ")";
      }
      return s;
    }
    case Kind::Global: return g.global(v).dotted();
    case Kind::Object: {
      const pickle::GlobalRef* c = pickle::callable_of(g, v);
      auto a = pickle::args_of(g, v);
      if (c && c->module == "torch" && c->name == "Size" && !a.empty())
        return "torch.Size " + summarise(g, a[0], depth + 1);
      if (c && c->module == "torch" && c->name == "device" && !a.empty())
        return "torch.device " + summarise(g, a[0], depth + 1);
      if (c && c->module == "_codecs" && c->name == "encode" && !a.empty())
        return "bytes[" + std::to_string(a[0].kind == Kind::Str ? g.text(a[0]).size() : 0) + "]";
      if (c && c->module == "builtins" && (c->name == "set" || c->name == "frozenset"))
        return c->name + "[" + std::to_string(pickle::sequence_of(g, v).size()) + "]";
      return "object " + (c ? c->dotted() : std::string("?"));
    }
    default: return "?";
  }
}

// The opcode torch 1.13's weights-only unpickler has no case for that a plain
// value needs: BINFLOAT (71) for a float, LONG1 (138) for an integer beyond 32
// bits (torch writes those opcodes for them); 0 for neither. Looks one level
// into tuples and lists.
static int weights_only_unsupported_opcode(const pickle::Graph& g, const Value& v, bool items = true) {
  constexpr int kBinFloat = 71, kLong1 = 138;
  switch (v.kind) {
    case Kind::Float: return kBinFloat;
    case Kind::BigInt: return kLong1;
    case Kind::Int: {
      auto i = static_cast<int64_t>(v.b);
      return i < INT32_MIN || i > INT32_MAX ? kLong1 : 0;
    }
    case Kind::Tuple:
    case Kind::List:
      if (items)
        for (const Value& item : pickle::sequence_of(g, v))
          if (int op = weights_only_unsupported_opcode(g, item, false)) return op;
      return 0;
    default: return 0;
  }
}

void TorchObjects::walk_checkpoint(const Value& v, const std::string& path, size_t depth) {
  if (depth > limits::kMaxWalkDepth)
    throw ReadError(RuleId::UnreadableFile, record_, ReadError::kNoOffset,
                    "values nested deeper than " + std::to_string(limits::kMaxWalkDepth) + " levels at '" +
                        path.substr(0, 40) + "...'");
  if (auto t = as_tensor(v)) return add_tensor(std::move(*t), path);
  bool node = v.kind == Kind::List || v.kind == Kind::Dict || v.kind == Kind::Object || v.kind == Kind::Set ||
              v.kind == Kind::FrozenSet;
  if (node && on_path_[v.b]) {
    out_.values.push_back({path, "<reference to an enclosing container>"});
    return;
  }
  if (is_module(v)) return walk_module(v, path, depth);
  // A container met again by another path is listed once: a memo DAG (each level
  // holding the previous one twice) would otherwise cost its paths, 2^levels.
  if (node) {
    if (seen_[v.b]) return out_.values.push_back({path, "<the same object as an earlier entry>"});
    seen_[v.b] = true;
  }
  if (const auto* pairs = pickle::pairs_of(*g_, v)) {
    if (auto n = state_dict_size(v)) out_.state_dicts.push_back(state_dict_entry(v, path, *n));
    if (pairs->empty()) return out_.values.push_back({path, "dict[0]"});
    note_ordered_dict(v, path);
    if (node) on_path_[v.b] = true;
    for (size_t i = 0; i + 1 < pairs->size(); i += 2)
      walk_checkpoint((*pairs)[i + 1], join(path, key_text(*g_, (*pairs)[i])), depth + 1);
    if (node) on_path_[v.b] = false;
    return;
  }
  auto seq = pickle::sequence_of(*g_, v);
  bool has_structure = std::any_of(seq.begin(), seq.end(), [](const Value& x) {
    return x.kind == Kind::Object || x.kind == Kind::List || x.kind == Kind::Dict || x.kind == Kind::Tuple ||
           x.kind == Kind::Extern;
  });
  if (v.kind != Kind::Object && has_structure) {
    if (node) on_path_[v.b] = true;
    for (size_t i = 0; i < seq.size(); ++i) walk_checkpoint(seq[i], join(path, std::to_string(i)), depth + 1);
    if (node) on_path_[v.b] = false;
    return;
  }
  out_.values.push_back({path, summarise(*g_, v)});
  if (!out_.weights_only_unsupported_opcode)
    out_.weights_only_unsupported_opcode = weights_only_unsupported_opcode(*g_, v);
}

void TorchObjects::describe_saved_object() {
  const Value& root = p_->root;
  if (is_module(root)) {
    out_.content = "module";
    walk_module(root, "", 0);
    return;
  }
  if (auto n = state_dict_size(root)) {
    out_.content = "state_dict";
    out_.state_dicts.push_back(state_dict_entry(root, "", *n));
    note_ordered_dict(root, "");
    const auto& pairs = *pickle::pairs_of(*g_, root);
    for (size_t i = 0; i + 1 < pairs.size(); i += 2)
      if (auto t = as_tensor(pairs[i + 1])) add_tensor(std::move(*t), std::string(*pickle::as_str(*g_, pairs[i])));
    return;
  }
  out_.content = "checkpoint";
  walk_checkpoint(root, "", 0);
}

void TorchObjects::walk_script_module(const Value& v, const std::string& prefix, const ScriptClassLookup& classes,
                                      size_t depth) {
  if (depth > limits::kMaxWalkDepth)
    throw ReadError(RuleId::UnreadableFile, record_, ReadError::kNoOffset,
                    "modules nested deeper than " + std::to_string(limits::kMaxWalkDepth));
  count_module_visit();
  if (on_path_[v.b]) return;
  on_path_[v.b] = true;
  std::string cls = class_name(v);
  out_.modules.push_back({prefix, cls});
  const ScriptClassMembers* members = classes(cls);
  if (!members)
    out_.diagnostics.push_back(Diagnostic::of(
        RuleId::UnsupportedFormat,
        "no code/ entry declares class '" + cls + "'; its tensors are listed as parameters when they require grad"));
  const auto* attrs = pickle::pairs_of(*g_, g_->node(v).state);
  if (!attrs) attrs = g_->node(v).state.kind == Kind::Dict ? &g_->node(g_->node(v).state).pairs : nullptr;
  if (attrs) {
    // Like Module.state_dict(): parameters, then buffers, then submodules.
    for (int pass = 0; pass < 3; ++pass) {
      for (size_t i = 0; i + 1 < attrs->size(); i += 2) {
        auto name = pickle::as_str(*g_, (*attrs)[i]);
        if (!name) continue;
        const Value& value = (*attrs)[i + 1];
        if (pass == 2) {
          if (value.kind == Kind::Object && pickle::callable_of(*g_, value) &&
              pickle::callable_of(*g_, value)->module.rfind("__torch__", 0) == 0 &&
              g_->node(value).state.kind == Kind::Dict &&
              !pickle::is_call(*g_, value, "__torch__.torch.classes.quantized", "LinearPackedParamsBase"))
            walk_script_module(value, join(prefix, *name), classes, depth + 1);
          continue;
        }
        auto t = as_tensor(value);
        if (!t) continue;
        bool param = members ? members->parameters.contains(*name) : t->entry.requires_grad;
        bool buffer = members ? members->buffers.contains(*name) : !t->entry.requires_grad;
        if (pass == 0 && param)
          add_tensor(std::move(*t), join(prefix, *name), TensorKind::Parameter);
        else if (pass == 1 && buffer && !param)
          add_tensor(std::move(*t), join(prefix, *name), TensorKind::Buffer);
        else if (pass == 1 && !param && !buffer)
          out_.values.push_back({join(prefix, *name), "tensor attribute (not in the state dict)"});
      }
    }
  }
  on_path_[v.b] = false;
}

void TorchObjects::describe_script_module(const ScriptClassLookup& classes) {
  out_.content = "torchscript";
  if (p_->root.kind != Kind::Object)
    throw ReadError(RuleId::UnsupportedFormat, record_, ReadError::kNoOffset,
                    "the TorchScript root is not a module object");
  walk_script_module(p_->root, "", classes, 0);
}

void TorchObjects::report_globals(bool torchscript) {
  std::vector<std::string> refused;
  for (const pickle::GlobalUse& use : p_->global_uses) {
    const pickle::GlobalRef& ref = g_->globals()[use.global];
    pickle::GlobalVerdict v = pickle::classify_global(ref);
    // torch 1.13's unpickler resolves torch's own globals but not
    // _rebuild_parameter (tests/loaders/expected_loaders.json, edge_zip.pt).
    bool resolved_by_libtorch =
        (ref.module == "torch" || ref.module.rfind("torch.", 0) == 0 || ref.module.rfind("__torch__", 0) == 0 ||
         (ref.module == "collections" && ref.name == "OrderedDict")) &&
        ref.dotted() != "torch._utils._rebuild_parameter";
    if (!resolved_by_libtorch && out_.first_foreign_global.empty()) {
      out_.first_foreign_global = ref.dotted();
      out_.first_foreign_global_opcode = use.first_opcode;
    }
    if (v.dangerous || (use.called && !v.interpreted)) {
      out_.diagnostics.push_back(to_diagnostic(UnsafeGlobal{.callable = ref.dotted(), .called = use.called}));
    } else if (!torchscript && !v.weights_only && ref.module.rfind("__torch__", 0) != 0) {
      refused.push_back(ref.dotted());
    }
  }
  out_.weights_only_refused.insert(out_.weights_only_refused.end(), refused.begin(), refused.end());
  if (!refused.empty()) out_.diagnostics.push_back(to_diagnostic(WeightsOnlyRefusal{refused}));
}

}  // namespace ckptcheck
