// The constructor calls a function whose definition is in a file that was not given.
#include <torch/torch.h>

int64_t hidden_width(int64_t in);  // defined in a layers.cpp not passed to ckptcheck

struct NetImpl : torch::nn::Module {
  NetImpl() { fc = register_module("fc", torch::nn::Linear(4, hidden_width(4))); }
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(Net);
