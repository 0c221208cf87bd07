// The zip layout torch writes (caffe2/serialize/inline_container.cc, FORMATS.md §1):
// every record lives under one root folder; data.pkl is the object, data/<key> the
// storages; constants.pkl marks a TorchScript archive, whose code/ says which
// attributes are parameters and which are buffers.
#include <map>

#include "ckptcheck/checker/inspect.h"
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

}  // namespace

Inventory read_torch_zip(std::span<const uint8_t> bytes, const std::string& name, const ReleaseHint& release,
                         TensorStream* stream) {
  ZipArchive zip(bytes, name);
  if (release) release(zip.directory());
  Inventory inv;
  inv.file = name;
  if (zip.entries().empty()) throw ReadError(RuleId::UnreadableFile, "zip", ReadError::kNoOffset, "the zip archive is empty");

  // torch's rule: the root folder is whatever precedes the first '/' of the first
  // record, and every record must live under it.
  const std::string& first = zip.entries().front().name;
  size_t slash = first.find('/');
  if (slash == std::string::npos || slash == 0)
    throw ReadError(RuleId::UnreadableFile, "zip", ReadError::kNoOffset,
                    "record '" + first + "' is not inside a folder; torch archives keep every record under one root folder");
  std::string root = first.substr(0, slash + 1);
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

  bool torchscript = record("constants.pkl") != nullptr;
  if (!record("data.pkl")) {
    if (record("model.json"))
      throw ReadError(RuleId::UnsupportedFormat, "zip", ReadError::kNoOffset, "a TorchScript archive from torch 1.0-1.3 (model.json layout); re-save it with a current torch.jit.save");
    if (record(".data/extern_modules"))
      throw ReadError(RuleId::UnsupportedFormat, "zip", ReadError::kNoOffset, "a torch.package archive, not a checkpoint");
    throw ReadError(RuleId::UnreadableFile, "zip", ReadError::kNoOffset,
                    "the archive has no data.pkl record (a torch.save that failed part-way leaves such files)");
  }
  inv.format = torchscript ? "torchscript" : "torch-zip";

  const ZipEntry& pkl = *record("data.pkl");
  std::vector<uint8_t> pickle_scratch;
  auto pickle_bytes = zip.read(pkl, pickle_scratch);
  std::string record_name = root + "data.pkl";

  size_t compressed_storages = 0;
  StorageLookup lookup = [&](const std::string& key) -> std::optional<uint64_t> {
    const ZipEntry* e = record("data/" + key);
    if (!e) return std::nullopt;
    if (e->method != 0) ++compressed_storages;
    return e->uncompressed_size;
  };
  TorchObjects objects(record_name, lookup, inv, stream);
  pickle::PickleResult result = pickle::run(pickle_bytes, record_name, {0, release, &objects.hook()});
  inv.properties["pickle_protocol"] = std::to_string(result.protocol);
  objects.attach(result);
  if (torchscript) {
    std::map<std::string, ScriptClassMembers> classes;
    for (const ZipEntry& entry : zip.entries()) {
      std::string module = script_module_of_record(std::string_view(entry.name).substr(root.size()));
      if (module.empty()) continue;
      std::vector<uint8_t> code_scratch;
      auto code = zip.read(entry, code_scratch);
      parse_script_classes({reinterpret_cast<const char*>(code.data()), code.size()}, module, classes);
    }
    objects.describe_script_module([&](const std::string& qualified) -> const ScriptClassMembers* {
      auto it = classes.find(qualified);
      return it == classes.end() ? nullptr : &it->second;
    });
  } else {
    objects.describe_saved_object();
  }
  objects.report_globals(torchscript);
  objects.validate_storages();
  if (compressed_storages) {
    Diagnostic d = make_diagnostic(RuleId::CorruptEntry,
        std::to_string(compressed_storages) + " storage records are compressed; torch loads them but cannot memory-map them");
    d.severity = Severity::Info;
    inv.diagnostics.push_back(std::move(d));
  }
  if (auto bo = inv.properties.find("byteorder"); bo != inv.properties.end() && bo->second == "big")
  {
    Diagnostic d = make_diagnostic(RuleId::UnsupportedFormat,
        "the storages are big-endian (byteorder record); torch before 2.1 loads them without swapping");
    d.severity = Severity::Warning;
    inv.diagnostics.push_back(std::move(d));
  }
  return inv;
}

}  // namespace ckptcheck
