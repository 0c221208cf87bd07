// The Inventory: what a checkpoint file holds, read without running its code
// and without touching tensor bytes.
//
// Glossary
//   storage   a flat buffer of elements in the file (zip record data/<key>, a legacy
//             blob, a safetensors byte range); several tensors may view one storage
//   tensor    a view on a storage: shape, stride and an offset counted in elements
//   kind      "parameter" or "buffer" when the file says so (whole modules,
//             TorchScript); "tensor" when it does not (plain state dicts)
//   name      the dotted path torch would use: state-dict key, or the path inside a
//             nested checkpoint ("model_state_dict.fc1.weight")
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/rules/diagnostic.h"

namespace ckptcheck {

enum class TensorKind { Parameter, Buffer, Tensor };
const char* tensor_kind_name(TensorKind k);  // "parameter", "buffer", "tensor"

struct StorageRef {
  std::string key;          // zip: record data/<key>; legacy: the writer's key; safetensors: the tensor's index
  int64_t offset = 0;       // in elements, as torch's storage_offset()
  uint64_t nbytes = 0;      // byte size of the whole storage the tensor lives in
  bool operator==(const StorageRef&) const = default;
};

struct TensorEntry {
  std::string name;
  std::vector<int64_t> shape;
  std::vector<int64_t> stride;
  std::string dtype;              // torch short name: "float32", "int64", ...
  TensorKind kind = TensorKind::Tensor;
  bool requires_grad = false;
  std::string layout = "strided"; // "strided", "sparse_coo", "sparse_csr", "quantized", "meta"
  std::optional<StorageRef> storage;
  bool operator==(const TensorEntry&) const = default;
};

// One module of a whole pickled model or TorchScript archive.
struct ModuleEntry {
  std::string path;  // "" for the root, else dotted ("layer1.0.conv1")
  std::string type;  // class as the file names it: "torch.nn.modules.linear.Linear"
  bool operator==(const ModuleEntry&) const = default;
};

// A non-tensor value of a checkpoint, summarised ("int 3", "str 'adam'", "list[5]").
struct ValueEntry {
  std::string path;
  std::string summary;
  bool operator==(const ValueEntry&) const = default;
};

// A dict in the file that looks like a state dict (tensor values under string keys).
struct StateDictEntry {
  std::string path;   // "" for the file's root object
  size_t tensors = 0;
  // The Python type holding the items, as torch names it: "builtins.dict",
  // "collections.OrderedDict" (what state_dict() returns). LibTorch's
  // torch::pickle_load reads the first and not the second.
  std::string type;
  // Its `_metadata`, where state_dict() records each module's version: module
  // path ("" for the root, "features.1") -> "version", for the modules that
  // have one. Python's BatchNorm fills in an absent num_batches_tracked when
  // its version is below 2 or not recorded. Nullopt when the dict has no _metadata.
  std::optional<std::map<std::string, int64_t>> module_versions;
  bool operator==(const StateDictEntry&) const = default;
};

// What stands in for a checkpoint when the file read is not the checkpoint
// itself: a manifest (`ckptcheck manifest`, formats/manifest.h) or a
// safetensors file cut after its header. Either lists everything the check
// needs; the check says which it read.
struct StandIn {
  std::string kind;              // "manifest" or "safetensors header"
  std::string of;                // the checkpoint it describes, as the manifest names it; "" when unknown
  std::optional<uint64_t> size;  // that checkpoint's size in bytes
  std::string sha256;            // its SHA-256 in hex; "" when unknown
  bool operator==(const StandIn&) const = default;
};

struct Inventory {
  std::string file;      // as given on the command line
  std::string format;    // "torch-zip", "torch-legacy", "torchscript", "safetensors"
  std::string content;   // "state_dict", "checkpoint", "module", "torchscript"
  std::map<std::string, std::string> properties;  // archive name, version, byteorder, pickle protocol, ...
  std::map<std::string, std::string> metadata;    // safetensors __metadata__
  // Facts the check needs, as fields (`properties` shows some of them as text
  // for the listing; nothing parses them back):
  std::optional<int> pickle_protocol;                // of the main pickle
  std::optional<uint64_t> safetensors_header_bytes;  // the JSON header's length
  // The classes torch.load(weights_only=True) refuses, in file order, as CK202 names them.
  std::vector<std::string> weights_only_refused;
  // The first opcode among the plain values that torch 1.13's weights-only
  // unpickler has no case for (71 BINFLOAT, 138 LONG1); 0 for none.
  int weights_only_unsupported_opcode = 0;
  // The collections.OrderedDict the pickle fills with items first (its path, ""
  // for the root; state_dict() returns one). LibTorch's unpickler makes every
  // OrderedDict None, expecting only the empty one of a tensor's hooks, so
  // torch::pickle_load fails at the first item. Nullopt when there is none.
  std::optional<std::string> filled_ordered_dict;
  uint64_t filled_ordered_dict_opcode = 0;  // the opcode number of that first item
  // The first global the pickle names that LibTorch's unpickler does not
  // resolve ("posix.system", "argparse.Namespace",
  // "torch._utils._rebuild_parameter"): torch::pickle_load throws "Unpickler
  // found unknown type" there. Whichever of this and the filled OrderedDict
  // comes first in the stream is the error it raises.
  std::string first_foreign_global;
  uint64_t first_foreign_global_opcode = 0;
  std::vector<TensorEntry> tensors;
  std::vector<ModuleEntry> modules;
  std::vector<ValueEntry> values;
  std::vector<StateDictEntry> state_dicts;
  std::vector<Diagnostic> diagnostics;
  std::optional<StandIn> stand_in;  // none: the file is the checkpoint
  bool operator==(const Inventory&) const = default;
};

// The checkpoint an inventory is about, for what is said of the file itself
// (which loader reads it): the file read, or the one its manifest was made from.
inline const std::string& checkpoint_name(const Inventory& inv) {
  return inv.stand_in && !inv.stand_in->of.empty() ? inv.stand_in->of : inv.file;
}

// Receives a file's inventory while it is read, so a listing of millions of
// tensors never has to be held in memory: begin() once format, content and
// properties are known; tensor() for each tensor, in order; end() with the rest
// (modules, values, state dicts, diagnostics; its `tensors` holds nothing already sent).
class InventorySink {
 public:
  virtual ~InventorySink() = default;
  virtual void begin(const Inventory& header) = 0;
  virtual void tensor(const TensorEntry& t) = 0;
  virtual void end(const Inventory& rest) = 0;
};

}  // namespace ckptcheck
