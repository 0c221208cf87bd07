// The zip layout torch writes (caffe2/serialize/inline_container.cc, docs/FORMATS.md §1):
// every record lives under one root folder; data.pkl is the object, data/<key> the
// storages; constants.pkl marks a TorchScript archive, whose code/ says which
// attributes are parameters and which are buffers.
#include <algorithm>
#include <map>
#include <optional>

#include "ckptcheck/formats/read_error.h"
#include "format_readers.h"
#include "pickle_vm.h"
#include "torch_objects.h"
#include "torchscript_code.h"
#include "zip_archive.h"

namespace ckptcheck {
namespace {

std::string trimmed(std::span<const uint8_t> b, size_t max = 64) {
  std::string s(reinterpret_cast<const char*>(b.data()), std::min(b.size(), max));
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// Byte sizes of the data/<key> records. Kept apart from the zip directory so the
// directory (one entry per storage) can be freed before the pickle is read.
class StorageRecords {
 public:
  void add(std::string_view key, uint64_t size, bool compressed, size_t record_count) {
    uint64_t value = std::min(size, kCompressed - 1) | (compressed ? kCompressed : 0);
    auto n = storage_number(key);
    if (n && *n < 2 * record_count + 1024) {  // torch numbers storages 0, 1, 2, ...
      if (*n >= sizes_.size()) sizes_.resize(*n + 1, kMissing);
      sizes_[*n] = value;
    } else {
      others_[std::string(key)] = value;
    }
  }
  // The record's size; counts compressed records as they are looked up.
  std::optional<uint64_t> size(std::string_view key) {
    uint64_t v = kMissing;
    if (auto n = storage_number(key); n && *n < sizes_.size()) v = sizes_[*n];
    if (v == kMissing) {
      auto it = others_.find(std::string(key));
      if (it == others_.end()) return std::nullopt;
      v = it->second;
    }
    if (v & kCompressed) ++compressed_;
    return v & ~kCompressed;
  }
  size_t compressed_looked_up() const { return compressed_; }

 private:
  static constexpr uint64_t kMissing = UINT64_MAX, kCompressed = 1ull << 62;

  std::vector<uint64_t> sizes_;  // by storage number; kCompressed flags a deflated record
  std::map<std::string, uint64_t> others_;
  size_t compressed_ = 0;
};

// What the reader needs from the archive, taken out while the directory is open.
struct ArchiveContents {
  std::string root;                          // "name/"
  bool torchscript = false;
  std::span<const uint8_t> pickle;           // data.pkl: a view of the file, or of pickle_copy
  std::vector<uint8_t> pickle_copy;          // when data.pkl is deflated
  std::map<std::string, ScriptClassMembers> classes;  // TorchScript code/
  StorageRecords storages;
};

ArchiveContents open_archive(std::span<const uint8_t> bytes, const std::string& name, const ReleaseHint& release,
                             Inventory& inv) {
  ZipArchive zip(bytes, name);
  if (release) release(zip.directory());
  if (zip.entries().empty()) throw ReadError(RuleId::UnreadableFile, "zip", ReadError::kNoOffset, "the zip archive is empty");
  ArchiveContents out;

  // torch's rule: the root folder is whatever precedes the first '/' of the first
  // record, and every record must live under it.
  const std::string& first = zip.entries().front().name;
  size_t slash = first.find('/');
  if (slash == std::string::npos || slash == 0)
    throw ReadError(RuleId::UnreadableFile, "zip", ReadError::kNoOffset,
                    "record '" + first + "' is not inside a folder; torch archives keep every record under one root folder");
  const std::string root = first.substr(0, slash + 1);
  out.root = root;
  for (const ZipEntry& e : zip.entries())
    if (e.name.compare(0, root.size(), root) != 0)
      throw ReadError(RuleId::UnreadableFile, "zip", e.local_header_offset,
                      "record '" + e.name + "' is outside the root folder '" + root + "' (torch rejects such archives)");
  // Records by their name inside the root folder.
  auto record = [&](std::string_view rel) { return zip.find(root + std::string(rel)); };
  inv.properties["archive_name"] = root.substr(0, root.size() - 1);
  if (zip.used_zip64()) inv.properties["zip64"] = "true";

  std::vector<uint8_t> scratch;
  auto text_record = [&](const std::string& rel) -> std::optional<std::string> {
    const ZipEntry* e = record(rel);
    if (!e || e->uncompressed_size > 4096) return std::nullopt;
    return trimmed(zip.read(*e, scratch));
  };
  for (const char* rel : {"version", ".data/version", "byteorder", ".data/serialization_id",
                          ".format_version", ".storage_alignment"})
    if (auto v = text_record(rel)) inv.properties[rel[0] == '.' ? std::string(rel).substr(1) : rel] = *v;

  out.torchscript = record("constants.pkl") != nullptr;
  if (!record("data.pkl")) {
    if (record("model.json"))
      throw ReadError(RuleId::UnsupportedFormat, "zip", ReadError::kNoOffset, "a TorchScript archive from torch 1.0-1.3 (model.json layout); re-save it with a current torch.jit.save");
    if (record(".data/extern_modules"))
      throw ReadError(RuleId::UnsupportedFormat, "zip", ReadError::kNoOffset, "a torch.package archive, not a checkpoint");
    throw ReadError(RuleId::UnreadableFile, "zip", ReadError::kNoOffset,
                    "the archive has no data.pkl record (a torch.save that failed part-way leaves such files)");
  }
  out.pickle = zip.read(*record("data.pkl"), out.pickle_copy);

  const std::string data_prefix = root + "data/";
  size_t declared = 0;  // TorchScript classes and member names (parse_script_classes)
  for (const ZipEntry& e : zip.entries()) {
    std::string_view n = e.name;
    if (n.size() > data_prefix.size() && n.compare(0, data_prefix.size(), data_prefix) == 0)
      out.storages.add(n.substr(data_prefix.size()), e.uncompressed_size, e.method != 0, zip.entries().size());
    if (!out.torchscript) continue;
    std::string module = script_module_of_record(n.substr(root.size()));
    if (module.empty()) continue;
    std::vector<uint8_t> code_scratch;
    auto code = zip.read(e, code_scratch);
    parse_script_classes({reinterpret_cast<const char*>(code.data()), code.size()}, module, e.name, out.classes,
                         declared);
  }
  return out;
}

}  // namespace

Inventory read_torch_zip(std::span<const uint8_t> bytes, const std::string& name, const ReleaseHint& release,
                         TensorStream* stream) {
  Inventory inv;
  inv.file = name;
  ArchiveContents archive = open_archive(bytes, name, release, inv);
  inv.format = archive.torchscript ? "torchscript" : "torch-zip";
  std::string record_name = archive.root + "data.pkl";

  StorageLookup lookup = [&](const std::string& key) { return archive.storages.size(key); };
  TorchObjects objects(record_name, lookup, inv, stream);
  pickle::PickleResult result = pickle::run(archive.pickle, record_name, {0, release, &objects.hook()});
  inv.pickle_protocol = result.protocol;
  inv.properties["pickle_protocol"] = std::to_string(result.protocol);
  objects.attach(result);
  if (archive.torchscript) {
    objects.describe_script_module([&](const std::string& qualified) -> const ScriptClassMembers* {
      auto it = archive.classes.find(qualified);
      return it == archive.classes.end() ? nullptr : &it->second;
    });
  } else {
    objects.describe_saved_object();
  }
  objects.report_globals(archive.torchscript);
  objects.validate_storages();
  if (size_t compressed = archive.storages.compressed_looked_up()) {
    inv.diagnostics.push_back(
        Diagnostic::of(RuleId::CorruptEntry, std::to_string(compressed) +
                                                 " storage records are compressed; torch loads them but cannot "
                                                 "memory-map them")
            .with_severity(Severity::Info));
  }
  if (auto bo = inv.properties.find("byteorder"); bo != inv.properties.end() && bo->second == "big") {
    inv.diagnostics.push_back(
        Diagnostic::of(RuleId::UnsupportedFormat,
                       "the storages are big-endian (byteorder record); torch before 2.1 loads them without swapping")
            .with_severity(Severity::Warning));
  }
  return inv;
}

}  // namespace ckptcheck
