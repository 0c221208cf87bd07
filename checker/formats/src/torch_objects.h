// Gives torch meaning to a pickle object graph: tensors and their storages,
// state dicts, nested training checkpoints, whole pickled modules and
// TorchScript modules. Pure interpretation: it only reads the graph.
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "ckptcheck/formats/inventory.h"
#include "pickle_graph.h"
#include "pickle_vm.h"
#include "tensor_stream.h"

namespace ckptcheck {

// The number in a storage key as torch.save writes them ("0", "17"); nullopt for
// anything else (legacy files use memory addresses, other writers anything).
std::optional<uint32_t> storage_number(std::string_view key);

// Byte size of the storage record `key`, or nullopt when the file has none.
using StorageLookup = std::function<std::optional<uint64_t>(const std::string& key)>;

// Parameter and buffer names of one TorchScript class, from its code/ file.
// Sets: every tensor attribute is looked up in them, and a hostile code/ file
// may list millions of names (a vector made that attributes x names).
struct ScriptClassMembers {
  std::set<std::string, std::less<>> parameters;
  std::set<std::string, std::less<>> buffers;
};
// Qualified class name ("__torch__.Net") to its members; nullptr when unknown.
using ScriptClassLookup = std::function<const ScriptClassMembers*(const std::string& qualified_name)>;

// Use: construct, run the pickle with hook() so tensors are interpreted (and
// their argument structures released) as they are read, attach() the result,
// then describe it.
class TorchObjects {
 public:
  // With a stream, tensors go to it as they are found instead of into out.tensors.
  TorchObjects(std::string record, StorageLookup storages, Inventory& out, TensorStream* stream = nullptr);
  TorchObjects(const TorchObjects&) = delete;  // hook() captures `this`
  TorchObjects& operator=(const TorchObjects&) = delete;

  const pickle::ReduceHook& hook() const { return hook_; }
  void attach(const pickle::PickleResult& pickle);

  // torch.save output: decides content (state_dict, checkpoint, module) and lists it.
  void describe_saved_object();
  // TorchScript data.pkl: the module tree, parameters and buffers told apart by code/.
  void describe_script_module(const ScriptClassLookup& classes);
  // CK201/CK202 from the GLOBALs the pickle referenced.
  void report_globals(bool torchscript);
  // CK103: every storage against its record (tensors are checked as they are listed).
  void validate_storages();

  // 24 bytes: a big checkpoint has one storage per tensor.
  struct Storage {
    uint64_t numel = 0;
    const char* dtype = "";  // a name from pickle::storage_dtype's static table
    uint32_t key = 0;        // the key's number when numbered, else an index into storage_keys_
    bool numbered = false;
    uint8_t elem_bytes = 1;
  };
  std::string key_of(const Storage& s) const { return s.numbered ? std::to_string(s.key) : storage_keys_[s.key]; }
  // Storages met so far (while reading: those of the tensors built up to now).
  const std::deque<Storage>& storages() const { return storages_; }

 private:
  struct Tensor {
    TensorEntry entry;
    std::optional<size_t> storage;  // index into storages_
  };
  // A tensor interpreted during the pickle run, kept small: a file may hold
  // millions. Sizes and strides live in dims_; names of dtypes and layouts in names_.
  struct CompactTensor {
    int64_t offset = 0;
    uint32_t storage = UINT32_MAX;  // index into storages_, UINT32_MAX when none
    uint32_t dims = 0;              // shape at dims_[dims], then stride
    uint8_t shape_rank = 0;
    uint8_t stride_rank = 0;
    uint8_t kind = 0;
    bool requires_grad = false;
    uint16_t dtype = 0;
    uint16_t layout = 0;
  };
  static constexpr uint32_t kTensorTag = 1, kStorageTag = 2;  // Kind::Extern tags

  std::optional<pickle::Value> intern_tensor(const Tensor& t);
  Tensor expand(const CompactTensor& c) const;
  uint16_t intern_name(const std::string& name);

  std::optional<Tensor> as_tensor(const pickle::Value& v, int depth = 0);
  bool int_list(const pickle::Value& v, std::vector<int64_t>& out) const;
  std::optional<Tensor> rebuild_dense(const std::string& f, std::span<const pickle::Value> args);
  std::optional<Tensor> as_tensor_call(const pickle::GlobalRef* fn, std::span<const pickle::Value> args,
                                       int depth);
  std::optional<size_t> as_storage(const pickle::Value& pid);
  bool is_module(const pickle::Value& v) const;
  std::string class_name(const pickle::Value& obj) const;

  void add_tensor(Tensor t, std::string name, std::optional<TensorKind> kind = std::nullopt);
  void check_extent(const TensorEntry& t, const Storage& s);
  void walk_checkpoint(const pickle::Value& v, const std::string& path, size_t depth);
  void walk_module(const pickle::Value& v, const std::string& prefix, size_t depth);
  void walk_script_module(const pickle::Value& v, const std::string& prefix,
                          const ScriptClassLookup& classes, size_t depth);
  std::optional<size_t> state_dict_size(const pickle::Value& v) const;
  std::string dict_type(const pickle::Value& v) const;
  StateDictEntry state_dict_entry(const pickle::Value& v, const std::string& path, size_t tensors) const;
  void note_ordered_dict(const pickle::Value& v, const std::string& path);

  const pickle::PickleResult* p_ = nullptr;
  const pickle::Graph* g_ = nullptr;  // the graph being read (set by hook calls and attach)
  pickle::ReduceHook hook_;
  std::vector<CompactTensor> compact_;
  std::vector<int64_t> dims_;
  std::vector<std::string> names_;
  std::string record_;
  StorageLookup lookup_;
  Inventory& out_;
  std::optional<size_t> find_storage(std::string_view key) const;
  void index_storage(std::string_view key, size_t index);

  std::deque<Storage> storages_;
  std::vector<std::string> storage_keys_;  // keys that are not plain numbers  // a deque: one storage per tensor in big files, and it never moves them
  // Key -> index into storages_. torch.save numbers storages 0, 1, 2, ...: such keys
  // index a vector (holding index + 1); any other key goes to the map.
  std::vector<uint32_t> storage_by_number_;
  std::unordered_map<std::string, size_t> storage_by_key_;
  TensorStream* stream_;
  size_t tensors_listed_ = 0;
  std::vector<bool> on_path_;  // node indices on the current walk path (cycle guard)
  std::vector<bool> seen_;     // containers already listed by walk_checkpoint
  uint64_t module_visits_ = 0;  // modules the walks entered, against limits::kMaxModuleVisits
  // Counts one module entered by a walk; CK101 past limits::kMaxModuleVisits.
  void count_module_visit();
};

}  // namespace ckptcheck
