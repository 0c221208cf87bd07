// Tensors and storages: what torch's rebuild functions and persistent ids
// mean (docs/FORMATS.md §2, read from torch/_utils.py and
// torch/serialization.py). What the saved object around them is (a module, a
// state dict, a checkpoint) is torch_object_walk.cpp.
#include "torch_objects.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <map>
#include <set>

#include "ckptcheck/formats/read_error.h"
#include "ckptcheck/rules/dtype.h"
#include "pickle_access.h"
#include "pickle_allowlist.h"
#include "reader_limits.h"

namespace ckptcheck {

using pickle::Kind;
using pickle::Value;

// A storage's byte size, saturating: a declared element count of 2^62 + 1
// float32 would otherwise wrap to 4 bytes and look tiny.
static uint64_t storage_bytes(const TorchObjects::Storage& s) {
  uint64_t bytes;
  return __builtin_mul_overflow(s.numel, static_cast<uint64_t>(s.elem_bytes), &bytes) ? UINT64_MAX : bytes;
}

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
  seen_.assign(pickle.graph.node_count(), false);
}

void TorchObjects::count_module_visit() {
  if (++module_visits_ > limits::kMaxModuleVisits)
    throw ReadError(RuleId::UnreadableFile, record_, ReadError::kNoOffset,
                    "more than " + std::to_string(limits::kMaxModuleVisits) +
                        " module paths to walk (kMaxModuleVisits): modules shared along many paths?");
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
                    "more than " + std::to_string(limits::kMaxTensors) + " tensors (kMaxTensors)");
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
    t.entry.storage = StorageRef{key_of(s), c.offset, storage_bytes(s)};
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
      out_.diagnostics.push_back(Diagnostic::of(
          RuleId::CorruptEntry,
          "storage '" + key_of(s) + "' is declared both as " + std::string(s.dtype) + " and as " + std::string(dtype)));
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

// A shape or stride: a list or tuple of ints, or torch.Size of one. False when
// an item is not an int; throws past the rank limit.
bool TorchObjects::int_list(const Value& v, std::vector<int64_t>& out) const {
  auto seq = pickle::sequence_of(*g_, v);
  if (pickle::is_call(*g_, v, "torch", "Size")) {
    auto a = pickle::args_of(*g_, v);
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
}

// torch._utils._rebuild_tensor(_v2, _v3) and _rebuild_qtensor: (storage,
// offset, size, stride, ...), the tensor a storage view gives.
std::optional<TorchObjects::Tensor> TorchObjects::rebuild_dense(const std::string& f, std::span<const Value> args) {
  Tensor t;
  t.storage = as_storage(args[0]);
  if (!t.storage) return std::nullopt;
  auto offset = pickle::as_int(args[1]);
  const Storage& s = storages_[*t.storage];
  // torch.load fails on such a tensor (or wraps the number); skipping it would
  // list the file without the tensor and without a word.
  if (!offset || !int_list(args[2], t.entry.shape) || !int_list(args[3], t.entry.stride))
    throw ReadError(RuleId::CorruptEntry, record_, ReadError::kNoOffset,
                    "a tensor on storage '" + key_of(s) +
                        "' has an offset, size or stride that is not a 64-bit integer (None, or a larger number)");
  t.entry.dtype = std::string(s.dtype);
  if (f == "_rebuild_tensor_v3" && args.size() >= 7 && args[6].kind == Kind::Global)
    t.entry.dtype = g_->global(args[6]).name;
  t.entry.storage = StorageRef{key_of(s), *offset, storage_bytes(s)};
  if (f == "_rebuild_qtensor") {
    t.entry.layout = "quantized";
    if (args.size() >= 6) t.entry.requires_grad = pickle::as_int(args[5]).value_or(0) != 0;
  } else if (f != "_rebuild_tensor" && args.size() >= 5) {
    t.entry.requires_grad = pickle::as_int(args[4]).value_or(0) != 0;
  }
  return t;
}

std::optional<TorchObjects::Tensor> TorchObjects::as_tensor_call(const pickle::GlobalRef* fn_ptr,
                                                                 std::span<const Value> args, int depth) {
  const pickle::GlobalRef* fn = fn_ptr;
  if (depth > 4) return std::nullopt;
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
    if ((dense || f == "_rebuild_qtensor") && args.size() >= 4) return rebuild_dense(f, args);
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
                    "more than " + std::to_string(limits::kMaxTensors) + " tensors (kMaxTensors)");
  t.entry.name = std::move(name);
  if (kind) t.entry.kind = *kind;
  if (t.storage) check_extent(t.entry, storages_[*t.storage]);
  if (stream_) stream_->emit(out_, t.entry);
  else out_.tensors.push_back(std::move(t.entry));
}

// CK103 when a tensor's view (offset, sizes, strides) reaches past its storage.
void TorchObjects::check_extent(const TensorEntry& t, const Storage& s) {
  if (t.shape.size() != t.stride.size()) {
    out_.diagnostics.push_back(Diagnostic::of(RuleId::CorruptEntry, "tensor '" + t.name + "' has " +
                                                                        std::to_string(t.shape.size()) + " sizes but " +
                                                                        std::to_string(t.stride.size()) + " strides"));
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
    out_.diagnostics.push_back(
        Diagnostic::of(RuleId::CorruptEntry, "tensor '" + t.name + "' has a negative size, stride or offset"));
  } else if (!empty && last >= static_cast<__int128>(s.numel)) {
    out_.diagnostics.push_back(Diagnostic::of(
        RuleId::CorruptEntry, "tensor '" + t.name + "' reaches element " +
                                  std::to_string(static_cast<uint64_t>(std::min<__int128>(last, UINT64_MAX))) +
                                  " of storage '" + key_of(s) + "', which holds " + std::to_string(s.numel)));
  }
}

void TorchObjects::validate_storages() {
  for (const Storage& s : storages_) {
    uint64_t need = storage_bytes(s);
    std::optional<uint64_t> have = lookup_(key_of(s));
    if (!have) {
      out_.diagnostics.push_back(
          Diagnostic::of(RuleId::CorruptEntry, "storage '" + key_of(s) + "' has no data record in the file"));
    } else if (*have < need) {
      out_.diagnostics.push_back(
          Diagnostic::of(RuleId::CorruptEntry, "storage '" + key_of(s) + "' declares " + std::to_string(s.numel) + " " +
                                                   std::string(s.dtype) + " elements (" + std::to_string(need) +
                                                   " bytes) but its record holds " + std::to_string(*have) + " bytes"));
    } else if (*have > need) {
      out_.diagnostics.push_back(
          Diagnostic::of(RuleId::CorruptEntry, "storage '" + key_of(s) + "' record holds " + std::to_string(*have) +
                                                   " bytes, more than the " + std::to_string(need) + " its " +
                                                   std::to_string(s.numel) + " " + std::string(s.dtype) +
                                                   " elements need")
              .with_severity(Severity::Warning));
    }
  }
}

}  // namespace ckptcheck
