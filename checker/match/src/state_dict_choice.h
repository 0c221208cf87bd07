// Which tensors of a checkpoint are the model's state dict: the whole file
// (a plain state dict, a whole module, a TorchScript archive, safetensors),
// or one entry of a training checkpoint ("model_state_dict", "state_dict", ...).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "ckptcheck/formats/inventory.h"

namespace ckptcheck {

// A checkpoint whose state dict cannot be chosen: --key names nothing, or
// several candidates and no --key. The message lists the candidates.
class StateDictChoiceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct FileTensor {
  std::string name;           // relative to the chosen state dict, after key rewrites
  std::string original_name;  // as in the file's listing (inventory name)
  const TensorEntry* tensor;
};

struct StateDictChoice {
  std::string key;                 // "" for the file's root object
  std::string reason;              // why this one, for the report ("the only state dict", "--key")
  std::vector<FileTensor> tensors;
};

StateDictChoice choose_state_dict(const Inventory& inventory, const std::string& requested_key);

}  // namespace ckptcheck
