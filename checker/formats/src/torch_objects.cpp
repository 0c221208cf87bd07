// Interpretation rules: docs/FORMATS.md §2 (tensor rebuild functions, storages),
// §4 (whole modules and training checkpoints) and §5.2-5.3 (TorchScript),
// all read from torch/_utils.py, torch/serialization.py and torch/nn/modules/module.py.
#include "torch_objects.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <map>
#include <set>

#include "ckptcheck/formats/read_error.h"
#include "ckptcheck/rules/display.h"
#include "ckptcheck/rules/dtype.h"
#include "pickle_access.h"
#include "pickle_allowlist.h"
#include "reader_limits.h"

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

TorchObjects::TorchObjects(std::string record, StorageLookup storages, Inventory& out, TensorStream* stream)
    : record_(std::move(record)), lookup_(std::move(storages)), out_(out), stream_(stream) {
  hook_.reduce = [this](const pickle::Graph& g, const pickle::GlobalRef& fn,
                        const Value& args) -> std::optional<Value> {
    bool rebuild = fn.module == "torch._utils" ||
                   (fn.module == "torch._tensor" && fn.name.rfind("_rebuild_from_type", 0) == 0);
    if (!rebuild) return std::nullopt;
    g_ = &g;
    auto t = as_tensor_call(&fn, pickle::items_of_tuple(g, args), 0);
    return t ? intern_tensor(*t) : std::nullopt;
  };
  // TorchScript's pickler refers again to a storage's persistent id when two
  // tensors share it: keep the storage, drop the tuple.
  hook_.keep = [this](const pickle::Graph& g, const Value& v) -> Value {
    g_ = &g;
    if (v.kind == Kind::PersId)
      if (auto s = as_storage(v)) return Value{Kind::Extern, kStorageTag, *s};
    return Value{Kind::Consumed, 0, 0};
  };
}

void TorchObjects::attach(const pickle::PickleResult& pickle) {
  p_ = &pickle;
  g_ = &pickle.graph;
  on_path_.assign(pickle.graph.node_count(), false);
}

uint16_t TorchObjects::intern_name(const std::string& name) {
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return static_cast<uint16_t>(i);
  if (names_.size() >= UINT16_MAX)
    throw ReadError(RuleId::UnsupportedFormat, record_, ReadError::kNoOffset, "too many distinct dtype names");
  names_.push_back(name);
  return static_cast<uint16_t>(names_.size() - 1);
}

std::optional<Value> TorchObjects::intern_tensor(const Tensor& t) {
  if (compact_.size() >= limits::kMaxTensors)
    throw ReadError(RuleId::UnreadableFile, record_, ReadError::kNoOffset,
                    "more than " + std::to_string(limits::kMaxTensors) + " tensors");
  CompactTensor c;
  c.offset = t.entry.storage ? t.entry.storage->offset : 0;
  c.storage = t.storage ? static_cast<uint32_t>(*t.storage) : UINT32_MAX;
  c.dims = static_cast<uint32_t>(dims_.size());
  c.shape_rank = static_cast<uint8_t>(t.entry.shape.size());
  c.stride_rank = static_cast<uint8_t>(t.entry.stride.size());
  c.kind = static_cast<uint8_t>(t.entry.kind);
  c.requires_grad = t.entry.requires_grad;
  c.dtype = intern_name(t.entry.dtype);
  c.layout = intern_name(t.entry.layout);
  dims_.insert(dims_.end(), t.entry.shape.begin(), t.entry.shape.end());
  dims_.insert(dims_.end(), t.entry.stride.begin(), t.entry.stride.end());
  compact_.push_back(c);
  return Value{Kind::Extern, kTensorTag, compact_.size() - 1};
}

TorchObjects::Tensor TorchObjects::expand(const CompactTensor& c) const {
  Tensor t;
  auto d = dims_.begin() + c.dims;
  t.entry.shape.assign(d, d + c.shape_rank);
  t.entry.stride.assign(d + c.shape_rank, d + c.shape_rank + c.stride_rank);
  t.entry.kind = static_cast<TensorKind>(c.kind);
  t.entry.requires_grad = c.requires_grad;
  t.entry.dtype = names_[c.dtype];
  t.entry.layout = names_[c.layout];
  if (c.storage != UINT32_MAX) {
    const Storage& s = storages_[c.storage];
    t.storage = c.storage;
    t.entry.storage = StorageRef{key_of(s), c.offset, s.numel * static_cast<uint64_t>(s.elem_bytes)};
  }
  return t;
}

std::optional<uint32_t> storage_number(std::string_view key) {
  if (key.empty() || key.size() > 9 || (key.size() > 1 && key[0] == '0')) return std::nullopt;
  uint32_t n = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint32_t>(c - '0');
  }
  return n;
}

// ('storage', StorageType, key, location, numel[, view_metadata]) -> storage index.
std::optional<size_t> TorchObjects::as_storage(const Value& pid) {
  if (pid.kind == Kind::Extern && pid.a == kStorageTag) return pid.b;
  auto items = pickle::items_of_tuple(*g_, pid);
  if (pid.kind != Kind::PersId || items.size() < 5) {
    // A protocol-0 PERSID is a line of text (the repr of the id tuple).
    if (pid.kind == Kind::PersId && items.size() == 1 && items[0].kind == Kind::Str)
      throw ReadError(RuleId::UnsupportedFormat, record_, ReadError::kNoOffset,
                      "the pickle uses text persistent ids (pickle protocol 0), which torch.load "
                      "itself cannot read back");
    return std::nullopt;
  }
  auto tag = pickle::as_str(*g_, items[0]);
  auto key = pickle::as_str(*g_, items[2]);
  auto numel = pickle::as_int(items[4]);
  if (!tag || *tag != "storage" || !key || !numel || items[1].kind != Kind::Global) return std::nullopt;
  const pickle::GlobalRef& type = g_->global(items[1]);
  std::string_view dtype = pickle::storage_dtype(type.name);
  if (dtype.empty())
    throw ReadError(RuleId::UnsupportedFormat, record_, ReadError::kNoOffset,
                    "storage '" + std::string(*key) + "' has unknown type '" + type.dotted() + "'");
  if (*numel < 0)
    throw ReadError(RuleId::CorruptEntry, record_, ReadError::kNoOffset,
                    "storage '" + std::string(*key) + "' declares a negative size");
  if (auto known = find_storage(*key)) {
    const Storage& s = storages_[*known];
    if (std::string_view(s.dtype) != dtype)
      out_.diagnostics.push_back(make_diagnostic(
          RuleId::CorruptEntry, "storage '" + key_of(s) + "' is declared both as " + std::string(s.dtype) +
                                    " and as " + std::string(dtype)));
    return *known;
  }
  Storage stored;
  stored.numel = static_cast<uint64_t>(*numel);
  stored.dtype = dtype.data();
  stored.elem_bytes = static_cast<uint8_t>(dtype_bits(dtype).value_or(8) / 8);
  if (auto n = storage_number(*key)) {
    stored.numbered = true;
    stored.key = *n;
  } else {
    stored.key = static_cast<uint32_t>(storage_keys_.size());
    storage_keys_.emplace_back(*key);
  }
  storages_.push_back(stored);
  index_storage(*key, storages_.size() - 1);
  return storages_.size() - 1;
}


std::optional<size_t> TorchObjects::find_storage(std::string_view key) const {
  if (auto n = storage_number(key); n && *n < storage_by_number_.size()) {
    if (storage_by_number_[*n]) return storage_by_number_[*n] - 1;
  }
  auto it = storage_by_key_.find(std::string(key));
  if (it == storage_by_key_.end()) return std::nullopt;
  return it->second;
}

void TorchObjects::index_storage(std::string_view key, size_t index) {
  // Numbers grow the vector only while they stay dense; sparse ones (legacy
  // files use memory addresses) go to the map like any other key.
  auto n = storage_number(key);
  if (n && *n < 2 * storages_.size() + 1024) {
    if (*n >= storage_by_number_.size()) storage_by_number_.resize(*n + 1, 0);
    storage_by_number_[*n] = static_cast<uint32_t>(index + 1);
  } else {
    storage_by_key_.emplace(std::string(key), index);
  }
}

std::optional<TorchObjects::Tensor> TorchObjects::as_tensor(const Value& v, int depth) {
  if (v.kind == Kind::Extern && v.a == kTensorTag && v.b < compact_.size()) return expand(compact_[v.b]);
  const pickle::GlobalRef* fn = pickle::callable_of(*g_, v);
  if (!fn) return std::nullopt;
  return as_tensor_call(fn, pickle::args_of(*g_, v), depth);
}

std::optional<TorchObjects::Tensor> TorchObjects::as_tensor_call(const pickle::GlobalRef* fn_ptr,
                                                                 std::span<const Value> args, int depth) {
  const pickle::GlobalRef* fn = fn_ptr;
  if (depth > 4) return std::nullopt;
  auto int_list = [&](const Value& t, std::vector<int64_t>& out) {
    auto seq = pickle::sequence_of(*g_, t);
    if (pickle::is_call(*g_, t, "torch", "Size")) {
      auto a = pickle::args_of(*g_, t);
      seq = a.empty() ? std::span<const Value>{} : pickle::sequence_of(*g_, a[0]);
    }
    if (seq.size() > limits::kMaxTensorRank)
      throw ReadError(RuleId::CorruptEntry, record_, ReadError::kNoOffset,
                      "a tensor of rank " + std::to_string(seq.size()) + " exceeds the limit of " +
                          std::to_string(limits::kMaxTensorRank));
    for (const Value& x : seq) {
      auto i = pickle::as_int(x);
      if (!i) return false;
      out.push_back(*i);
    }
    return true;
  };

  if (fn->module == "torch._utils") {
    const std::string& f = fn->name;
    if (f == "_rebuild_parameter" || f == "_rebuild_parameter_with_state") {
      if (args.size() < 2) return std::nullopt;
      auto inner = as_tensor(args[0], depth + 1);
      if (!inner) return std::nullopt;
      inner->entry.kind = TensorKind::Parameter;
      inner->entry.requires_grad = pickle::as_int(args[1]).value_or(0) != 0;
      return inner;
    }
    bool dense = f == "_rebuild_tensor_v2" || f == "_rebuild_tensor" || f == "_rebuild_tensor_v3";
    bool quantized = f == "_rebuild_qtensor";
    if ((dense || quantized) && args.size() >= 4) {
      Tensor t;
      t.storage = as_storage(args[0]);
      if (!t.storage) return std::nullopt;
      auto offset = pickle::as_int(args[1]);
      if (!offset || !int_list(args[2], t.entry.shape) || !int_list(args[3], t.entry.stride))
        return std::nullopt;
      const Storage& s = storages_[*t.storage];
      t.entry.dtype = std::string(s.dtype);
      if (f == "_rebuild_tensor_v3" && args.size() >= 7 && args[6].kind == Kind::Global)
        t.entry.dtype = g_->global(args[6]).name;
      t.entry.storage = StorageRef{key_of(s), *offset, s.numel * static_cast<uint64_t>(s.elem_bytes)};
      if (quantized) {
        t.entry.layout = "quantized";
        if (args.size() >= 6) t.entry.requires_grad = pickle::as_int(args[5]).value_or(0) != 0;
      } else if (f != "_rebuild_tensor" && args.size() >= 5) {
        t.entry.requires_grad = pickle::as_int(args[4]).value_or(0) != 0;
      }
      return t;
    }
    if (f == "_rebuild_meta_tensor_no_storage" && args.size() >= 3 && args[0].kind == Kind::Global) {
      Tensor t;
      t.entry.dtype = g_->global(args[0]).name;
      t.entry.layout = "meta";
      if (!int_list(args[1], t.entry.shape) || !int_list(args[2], t.entry.stride)) return std::nullopt;
      if (args.size() >= 4) t.entry.requires_grad = pickle::as_int(args[3]).value_or(0) != 0;
      return t;
    }
    if ((f == "_rebuild_sparse_tensor" || f == "_rebuild_sparse_csr_tensor") && args.size() >= 2) {
      // (layout, (indices..., values, size)): report the logical size; components are storages of their own.
      auto parts = pickle::sequence_of(*g_, args[1]);
      Tensor t;
      t.entry.layout = f == "_rebuild_sparse_tensor" ? "sparse_coo" : "sparse_csr";
      for (const Value& part : parts) {
        if (auto component = as_tensor(part, depth + 1)) t.entry.dtype = component->entry.dtype;
        else int_list(part, t.entry.shape);
      }
      return t;
    }
    return std::nullopt;
  }
  if (fn->module == "torch._tensor" && (fn->name == "_rebuild_from_type_v2" || fn->name == "_rebuild_from_type") &&
      args.size() >= 3 && args[0].kind == Kind::Global) {
    // A tensor subclass: func(*args) tagged with the subclass; read it as func(*args).
    return as_tensor_call(&g_->global(args[0]), pickle::items_of_tuple(*g_, args[2]), depth + 1);
  }
  if (fn->module == "torch.nn.parameter" && fn->name == "Parameter" && !args.empty()) {
    auto inner = as_tensor(args[0], depth + 1);
    if (!inner) return std::nullopt;
    inner->entry.kind = TensorKind::Parameter;
    inner->entry.requires_grad = args.size() < 2 || pickle::as_int(args[1]).value_or(1) != 0;
    return inner;
  }
  return std::nullopt;
}

void TorchObjects::add_tensor(Tensor t, std::string name, std::optional<TensorKind> kind) {
  if (++tensors_listed_ > limits::kMaxTensors)
    throw ReadError(RuleId::UnreadableFile, record_, ReadError::kNoOffset,
                    "more than " + std::to_string(limits::kMaxTensors) + " tensors");
  t.entry.name = std::move(name);
  if (kind) t.entry.kind = *kind;
  if (t.storage) check_extent(t.entry, storages_[*t.storage]);
  if (stream_) stream_->emit(out_, t.entry);
  else out_.tensors.push_back(std::move(t.entry));
}

// CK103 when a tensor's view (offset, sizes, strides) reaches past its storage.
void TorchObjects::check_extent(const TensorEntry& t, const Storage& s) {
  if (t.shape.size() != t.stride.size()) {
    out_.diagnostics.push_back(make_diagnostic(
        RuleId::CorruptEntry, "tensor '" + t.name + "' has " + std::to_string(t.shape.size()) +
                                  " sizes but " + std::to_string(t.stride.size()) + " strides"));
    return;
  }
  // Elements spanned: offset + sum((size-1)*stride) + 1, in 128 bits so no input overflows it.
  bool empty = false, negative = t.storage->offset < 0;
  __int128 last = t.storage->offset;
  for (size_t d = 0; d < t.shape.size(); ++d) {
    if (t.shape[d] < 0 || t.stride[d] < 0) negative = true;
    if (t.shape[d] == 0) empty = true;
    else last += static_cast<__int128>(t.shape[d] - 1) * t.stride[d];
  }
  if (negative) {
    out_.diagnostics.push_back(make_diagnostic(RuleId::CorruptEntry, "tensor '" + t.name + "' has a negative size, stride or offset"));
  } else if (!empty && last >= static_cast<__int128>(s.numel)) {
    out_.diagnostics.push_back(make_diagnostic(
        RuleId::CorruptEntry, "tensor '" + t.name + "' reaches element " +
                                  std::to_string(static_cast<uint64_t>(std::min<__int128>(last, UINT64_MAX))) +
                                  " of storage '" + key_of(s) + "', which holds " + std::to_string(s.numel)));
  }
}

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
    throw ReadError(RuleId::UnreadableFile, record_, ReadError::kNoOffset, "modules nested deeper than " + std::to_string(limits::kMaxWalkDepth));
  const Value* state = module_state(*g_, v);
  if (on_path_[v.b]) {
    out_.diagnostics.push_back(make_diagnostic(RuleId::CorruptEntry, "module '" + prefix + "' contains itself"));
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
    case Kind::Str: case Kind::Bytes: case Kind::BigInt: return std::string(g.text(k));
    case Kind::Int: return std::to_string(static_cast<int64_t>(k.b));
    case Kind::Bool: return k.b ? "True" : "False";
    case Kind::None: return "None";
    default: return "<key>";
  }
}

static std::string summarise(const pickle::Graph& g, const Value& v) {
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
    case Kind::Tuple: case Kind::List: case Kind::Set: case Kind::FrozenSet: {
      auto seq = pickle::sequence_of(g, v);
      const char* what = v.kind == Kind::Tuple ? "tuple" : v.kind == Kind::List ? "list" : "set";
      std::string s = std::string(what) + "[" + std::to_string(seq.size()) + "]";
      if (!seq.empty() && seq.size() <= 8) {
        s += " (";
        for (size_t i = 0; i < seq.size(); ++i) {
          std::string item = summarise(g, seq[i]);
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
      if (c && c->module == "torch" && c->name == "Size" && !a.empty()) return "torch.Size " + summarise(g, a[0]);
      if (c && c->module == "torch" && c->name == "device" && !a.empty()) return "torch.device " + summarise(g, a[0]);
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
  bool node = v.kind == Kind::List || v.kind == Kind::Dict || v.kind == Kind::Object ||
              v.kind == Kind::Set || v.kind == Kind::FrozenSet;
  if (node && on_path_[v.b]) {
    out_.values.push_back({path, "<reference to an enclosing container>"});
    return;
  }
  if (is_module(v)) return walk_module(v, path, depth);
  if (const auto* pairs = pickle::pairs_of(*g_, v)) {
    if (auto n = state_dict_size(v)) out_.state_dicts.push_back({path, *n, dict_type(v)});
    if (pairs->empty()) return out_.values.push_back({path, "dict[0]"});
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
    out_.state_dicts.push_back({"", *n, dict_type(root)});
    const auto& pairs = *pickle::pairs_of(*g_, root);
    for (size_t i = 0; i + 1 < pairs.size(); i += 2)
      if (auto t = as_tensor(pairs[i + 1])) add_tensor(std::move(*t), std::string(*pickle::as_str(*g_, pairs[i])));
    return;
  }
  out_.content = "checkpoint";
  walk_checkpoint(root, "", 0);
}

void TorchObjects::walk_script_module(const Value& v, const std::string& prefix,
                                      const ScriptClassLookup& classes, size_t depth) {
  if (depth > limits::kMaxWalkDepth)
    throw ReadError(RuleId::UnreadableFile, record_, ReadError::kNoOffset, "modules nested deeper than " + std::to_string(limits::kMaxWalkDepth));
  if (on_path_[v.b]) return;
  on_path_[v.b] = true;
  std::string cls = class_name(v);
  out_.modules.push_back({prefix, cls});
  const ScriptClassMembers* members = classes(cls);
  if (!members)
    out_.diagnostics.push_back(make_diagnostic(
        RuleId::UnsupportedFormat, "no code/ entry declares class '" + cls +
                                       "'; its tensors are listed as parameters when they require grad"));
  const auto* attrs = pickle::pairs_of(*g_, g_->node(v).state);
  if (!attrs) attrs = g_->node(v).state.kind == Kind::Dict ? &g_->node(g_->node(v).state).pairs : nullptr;
  auto listed = [](const std::vector<std::string>& names, std::string_view n) {
    return std::find(names.begin(), names.end(), n) != names.end();
  };
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
        bool param = members ? listed(members->parameters, *name) : t->entry.requires_grad;
        bool buffer = members ? listed(members->buffers, *name) : !t->entry.requires_grad;
        if (pass == 0 && param) add_tensor(std::move(*t), join(prefix, *name), TensorKind::Parameter);
        else if (pass == 1 && buffer && !param) add_tensor(std::move(*t), join(prefix, *name), TensorKind::Buffer);
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
    throw ReadError(RuleId::UnsupportedFormat, record_, ReadError::kNoOffset, "the TorchScript root is not a module object");
  walk_script_module(p_->root, "", classes, 0);
}

void TorchObjects::report_globals(bool torchscript) {
  std::vector<std::string> refused;
  for (const pickle::GlobalUse& use : p_->global_uses) {
    const pickle::GlobalRef& ref = g_->globals()[use.global];
    pickle::GlobalVerdict v = pickle::classify_global(ref);
    if (v.dangerous || (use.called && !v.interpreted)) {
      out_.diagnostics.push_back(make_diagnostic(
          RuleId::UnsafeGlobal,
          std::string(use.called ? "the pickle calls '" : "the pickle references '") + ref.dotted() +
              "'; torch.load would " + (use.called ? "run it" : "import it") +
              " (ckptcheck did not)"));
    } else if (!torchscript && !v.weights_only && ref.module.rfind("__torch__", 0) != 0) {
      refused.push_back(ref.dotted());
    }
  }
  out_.weights_only_refused.insert(out_.weights_only_refused.end(), refused.begin(), refused.end());
  if (!refused.empty()) {
    std::string list = first_items(refused, 8, "'");
    out_.diagnostics.push_back(make_diagnostic(
        RuleId::WeightsOnlyIncompatible,
        "torch.load(weights_only=True) refuses this file: it needs " + list));
  }
}

void TorchObjects::validate_storages() {
  for (const Storage& s : storages_) {
    uint64_t need = 0;
    if (__builtin_mul_overflow(s.numel, static_cast<uint64_t>(s.elem_bytes), &need)) need = UINT64_MAX;
    std::optional<uint64_t> have = lookup_(key_of(s));
    if (!have) {
      out_.diagnostics.push_back(make_diagnostic(
          RuleId::CorruptEntry, "storage '" + key_of(s) + "' has no data record in the file"));
    } else if (*have < need) {
      out_.diagnostics.push_back(make_diagnostic(
          RuleId::CorruptEntry, "storage '" + key_of(s) + "' declares " + std::to_string(s.numel) + " " + std::string(s.dtype) +
                                    " elements (" + std::to_string(need) + " bytes) but its record holds " +
                                    std::to_string(*have) + " bytes"));
    } else if (*have > need) {
      Diagnostic d = make_diagnostic(
          RuleId::CorruptEntry, "storage '" + key_of(s) + "' record holds " + std::to_string(*have) +
                                    " bytes, more than the " + std::to_string(need) + " its " +
                                    std::to_string(s.numel) + " " + std::string(s.dtype) + " elements need");
      d.severity = Severity::Warning;
      out_.diagnostics.push_back(std::move(d));
    }
  }
}

}  // namespace ckptcheck
