// Reads just enough of a TorchScript archive's code/ files to tell parameters
// from buffers: the `__parameters__ = [...]` and `__buffers__ = [...]` lines at
// the top of each class body. The code is tokenised, never evaluated.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "torch_objects.h"

namespace ckptcheck {

// Adds every class defined in one code file. `module` is the file's module path
// ("__torch__.torch.nn.modules.linear" for code/__torch__/torch/nn/modules/linear.py).
// `declared` counts the classes and member names read so far in the archive;
// past kMaxTensors the archive is refused (ReadError for `record`): an honest
// one declares at most one name per tensor.
void parse_script_classes(std::string_view source, const std::string& module, const std::string& record,
                          std::map<std::string, ScriptClassMembers>& classes, size_t& declared);

// code/__torch__/a/b.py -> "__torch__.a.b"; empty when `record` is not a code file.
std::string script_module_of_record(std::string_view record);

}  // namespace ckptcheck
