// Dispatch: triage the bytes, then hand them to the reader for that format.
#include "ckptcheck/formats/inspect.h"

#include "ckptcheck/formats/manifest.h"
#include "format_readers.h"
#include "mapped_file.h"
#include "safetensors_reader.h"
#include "triage.h"

namespace ckptcheck {

const char* tensor_kind_name(TensorKind k) {
  switch (k) {
    case TensorKind::Parameter: return "parameter";
    case TensorKind::Buffer: return "buffer";
    case TensorKind::Tensor: return "tensor";
  }
  return "tensor";
}

namespace {

Inventory read_any(std::span<const uint8_t> bytes, const std::string& name, const ReleaseHint& release,
                   TensorStream* stream) {
  switch (triage(bytes)) {
    case FileKind::Zip: return read_torch_zip(bytes, name, release, stream);
    case FileKind::LegacyTorch: return read_torch_legacy(bytes, name, release, stream);
    case FileKind::Safetensors: return read_safetensors(bytes, name);
    case FileKind::Json: return read_manifest(bytes, name);
    case FileKind::Pickle:
      throw ReadError(RuleId::UnsupportedFormat, "", 0,
                      "a plain pickle (pickle.dump), not a torch.save file; torch.load reads it only with "
                      "weights_only=False, which runs its code");
    case FileKind::Unknown: break;
  }
  throw ReadError(RuleId::UnreadableFile, "", 0, "not a checkpoint");
}

}  // namespace

Inventory inspect_bytes(std::span<const uint8_t> bytes, const std::string& name) {
  return read_any(bytes, name, {}, nullptr);
}

// Reads a mapped file; when it shrank meanwhile, that is the error, whatever the
// reader made of the zeros it read instead.
static Inventory read_mapped(const MappedFile& file, const std::string& path, TensorStream* stream) {
  Inventory inv;
  try {
    inv = read_any(file.bytes(), path, [&file](std::span<const uint8_t> part) { file.release(part); }, stream);
  } catch (const ReadError&) {
    file.throw_if_changed();
    throw;
  }
  file.throw_if_changed();
  return inv;
}

Inventory inspect_file(const std::string& path) {
  MappedFile file(path);
  return read_mapped(file, path, nullptr);
}

void inspect_file(const std::string& path, InventorySink& sink) {
  TensorStream stream(sink);
  try {
    MappedFile file(path);
    Inventory inv = read_mapped(file, path, &stream);
    stream.finish(inv);
  } catch (const ReadError& e) {
    if (!stream.begun()) throw;
    Inventory rest;
    rest.file = path;
    rest.diagnostics.push_back(Diagnostic::of(e.rule(), e.what()).with_severity(Severity::Error));
    stream.finish(rest);
  }
}

}  // namespace ckptcheck
