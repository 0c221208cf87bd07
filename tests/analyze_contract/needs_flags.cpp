// Parses only with the flags its build gives it: WIDTH comes from -DWIDTH=32 and
// "contract_dims.h" from -Iinclude (analyze_contract_test.sh writes them into a
// compile_commands.json). Without them the code does not compile.
#include <torch/torch.h>

#include "contract_dims.h"

struct FlagNetImpl : torch::nn::Module {
  FlagNetImpl() {
    fc = register_module("fc", torch::nn::Linear(WIDTH, kClasses));
  }
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(FlagNet);
