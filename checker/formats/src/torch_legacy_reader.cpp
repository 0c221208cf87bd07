// The legacy torch.save stream (torch/serialization.py _legacy_save, docs/FORMATS.md §3):
// five pickles back to back (magic number, protocol version 1001, sys_info, the
// object, the sorted storage keys), then each storage as an 8-byte little-endian
// element count followed by its bytes. Only the counts are read.
#include <map>

#include "byte_cursor.h"
#include "ckptcheck/formats/read_error.h"
#include "ckptcheck/rules/dtype.h"
#include "format_readers.h"
#include "pickle_access.h"
#include "pickle_allowlist.h"
#include "pickle_vm.h"
#include "torch_objects.h"

namespace ckptcheck {

namespace {

using DeclaredStorages = std::map<std::string, std::pair<int, uint64_t>>;  // key -> (bytes per element, numel)

// Element width of every storage the object refers to: those its tensors use
// (interpreted while reading) and any bare ('storage', Type, key, location, numel) ids.
DeclaredStorages declared_storages(const TorchObjects& objects, const pickle::PickleResult& object) {
  DeclaredStorages declared;
  for (const auto& s : objects.storages())
    declared.emplace(objects.key_of(s), std::make_pair(int{s.elem_bytes}, s.numel));
  for (const pickle::Value& pid : object.persistent_ids) {
    auto items = pickle::items_of_tuple(object.graph, pid);
    if (items.size() < 5 || items[1].kind != pickle::Kind::Global) continue;
    auto key = pickle::as_str(object.graph, items[2]);
    auto numel = pickle::as_int(items[4]);
    std::string_view dtype = pickle::storage_dtype(object.graph.global(items[1]).name);
    if (key && numel && !dtype.empty())
      declared.emplace(std::string(*key),
                       std::make_pair(dtype_bits(dtype).value_or(8) / 8, static_cast<uint64_t>(*numel)));
  }
  return declared;
}

// Walks the storage blobs from `pos` (each one is found only by skipping all
// before it), recording each one's size in `blob_bytes`. False when one could
// not be located, which `inv` then says; the ones after it cannot be either.
bool walk_storage_blobs(std::span<const uint8_t> bytes, uint64_t& pos, const pickle::PickleResult& keys,
                        const DeclaredStorages& declared, const ReleaseHint& release,
                        std::map<std::string, uint64_t>& blob_bytes, Inventory& inv) {
  for (const pickle::Value& k : pickle::sequence_of(keys.graph, keys.root)) {
    auto key = pickle::as_str(keys.graph, k);
    if (!key)
      throw ReadError(RuleId::UnreadableFile, "storage keys", ReadError::kNoOffset, "a storage key is not a string");
    auto d = declared.find(std::string(*key));
    if (d == declared.end()) {
      inv.diagnostics.push_back(Diagnostic::of(
          RuleId::CorruptEntry,
          "storage '" + std::string(*key) +
              "' is written to the file but the object never uses it; later storages cannot be located"));
      return false;
    }
    if (bytes.size() - pos < 8) {
      inv.diagnostics.push_back(Diagnostic::of(
          RuleId::CorruptEntry, "the file ends before storage '" + std::string(*key) + "' (truncated?)"));
      return false;
    }
    ByteCursor header(bytes.subspan(pos, 8), "storage " + std::string(*key), pos);
    uint64_t count = header.u64();
    uint64_t size = 0;
    if (__builtin_mul_overflow(count, static_cast<uint64_t>(d->second.first), &size) || size > bytes.size() - pos - 8) {
      inv.diagnostics.push_back(
          Diagnostic::of(RuleId::CorruptEntry, "storage '" + std::string(*key) + "' declares " + std::to_string(count) +
                                                   " elements, more than the rest of the file holds (truncated?)"));
      return false;
    }
    if (count != d->second.second)
      inv.diagnostics.push_back(Diagnostic::of(
          RuleId::CorruptEntry, "storage '" + std::string(*key) + "' holds " + std::to_string(count) +
                                    " elements but the object declares " + std::to_string(d->second.second)));
    blob_bytes[std::string(*key)] = size;
    if (release) release(bytes.subspan(pos, 8));  // one header per storage: drop each page once read
    pos += 8 + size;
  }
  return true;
}

}  // namespace

Inventory read_torch_legacy(std::span<const uint8_t> bytes, const std::string& name, const ReleaseHint& release,
                            TensorStream* stream) {
  Inventory inv;
  inv.file = name;
  inv.format = "torch-legacy";
  uint64_t pos = 0;
  // The storage blobs are walked after the object is read, so the lookup reads
  // these once the walk has filled them.
  std::map<std::string, uint64_t> blob_bytes;
  DeclaredStorages declared;
  bool walk_ok = true;
  StorageLookup lookup = [&](const std::string& key) -> std::optional<uint64_t> {
    auto it = blob_bytes.find(key);
    if (it != blob_bytes.end()) return it->second;
    // Not reached by the walk (already reported): do not report it twice.
    if (!walk_ok) {
      auto d = declared.find(key);
      if (d != declared.end()) return d->second.second * static_cast<uint64_t>(d->second.first);
    }
    return std::nullopt;
  };
  TorchObjects objects("object", lookup, inv, stream);

  auto next = [&](const char* part, const pickle::ReduceHook* hook = nullptr) {
    pickle::PickleResult r = pickle::run(bytes.subspan(pos), part, {pos, release, hook});
    pos += r.end_offset;
    return r;
  };
  next("magic number");
  pickle::PickleResult version = next("protocol version");
  if (version.root.kind != pickle::Kind::Int || version.root.b != 1001)
    throw ReadError(RuleId::UnsupportedFormat, "protocol version", ReadError::kNoOffset,
                    "legacy protocol version is not 1001, the only one torch reads");
  inv.properties["legacy_protocol_version"] = "1001";
  pickle::PickleResult sys_info = next("sys_info");
  if (const pickle::Value* le = pickle::dict_get(sys_info.graph, sys_info.root, "little_endian"))
    inv.properties["little_endian"] = le->b ? "true" : "false";
  pickle::PickleResult object = next("object", &objects.hook());
  objects.attach(object);
  inv.pickle_protocol = object.protocol;
  inv.properties["pickle_protocol"] = std::to_string(object.protocol);
  pickle::PickleResult keys = next("storage keys");

  declared = declared_storages(objects, object);
  walk_ok = walk_storage_blobs(bytes, pos, keys, declared, release, blob_bytes, inv);

  if (walk_ok && pos != bytes.size()) {
    inv.diagnostics.push_back(
        Diagnostic::of(RuleId::CorruptEntry, std::to_string(bytes.size() - pos) + " bytes follow the last storage")
            .with_severity(Severity::Warning));
  }

  objects.describe_saved_object();
  objects.report_globals(false);
  objects.validate_storages();
  return inv;
}

}  // namespace ckptcheck
