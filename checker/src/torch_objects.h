// Gives torch meaning to a pickle object graph: tensors and their storages,
// state dicts, nested training checkpoints, whole pickled modules and
// TorchScript modules. Pure interpretation: it only reads the graph.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "ckptcheck/checker/inventory.h"
#include "pickle_graph.h"

namespace ckptcheck {

// Byte size of the storage record `key`, or nullopt when the file has none.
using StorageLookup = std::function<std::optional<uint64_t>(const std::string& key)>;

// Parameter and buffer names of one TorchScript class, from its code/ file.
struct ScriptClassMembers {
  std::vector<std::string> parameters;
  std::vector<std::string> buffers;
};
// Qualified class name ("__torch__.Net") to its members; nullptr when unknown.
using ScriptClassLookup = std::function<const ScriptClassMembers*(const std::string& qualified_name)>;

class TorchObjects {
 public:
  TorchObjects(const pickle::PickleResult& pickle, std::string record, StorageLookup storages,
               Inventory& out);

  // torch.save output: decides content (state_dict, checkpoint, module) and lists it.
  void describe_saved_object();
  // TorchScript data.pkl: the module tree, parameters and buffers told apart by code/.
  void describe_script_module(const ScriptClassLookup& classes);
  // CK201/CK202 from the GLOBALs the pickle referenced.
  void report_globals(bool torchscript);
  // CK103: every storage against its record and every tensor against its storage.
  void validate_storages();

 private:
  struct Storage {
    std::string key;
    std::string dtype;
    uint64_t numel = 0;
    int elem_bytes = 1;
  };
  struct Tensor {
    TensorEntry entry;
    std::optional<size_t> storage;  // index into storages_
  };

  std::optional<Tensor> as_tensor(const pickle::Value& v, int depth = 0);
  std::optional<Tensor> as_tensor_call(const pickle::GlobalRef* fn, std::span<const pickle::Value> args,
                                       int depth);
  std::optional<size_t> as_storage(const pickle::Value& pid);
  bool is_module(const pickle::Value& v) const;
  std::string class_name(const pickle::Value& obj) const;

  void add_tensor(Tensor t, std::string name, std::optional<TensorKind> kind = std::nullopt);
  void walk_checkpoint(const pickle::Value& v, const std::string& path, size_t depth);
  void walk_module(const pickle::Value& v, const std::string& prefix, size_t depth);
  void walk_script_module(const pickle::Value& v, const std::string& prefix,
                          const ScriptClassLookup& classes, size_t depth);
  std::optional<size_t> state_dict_size(const pickle::Value& v) const;

  const pickle::PickleResult& p_;
  const pickle::Graph& g_;
  std::string record_;
  StorageLookup lookup_;
  Inventory& out_;
  std::vector<Storage> storages_;
  std::unordered_map<std::string, size_t> storage_index_;  // key -> index into storages_
  std::vector<std::optional<size_t>> tensor_storage_;  // parallel to out_.tensors
  std::vector<bool> on_path_;  // node indices on the current walk path (cycle guard)
};

}  // namespace ckptcheck
