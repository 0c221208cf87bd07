// residual_stack.cpp as it was when its checkpoint was saved: num_layers defaulted to 3.
#include <torch/torch.h>

struct ResidualStackImpl : torch::nn::Module {
  ResidualStackImpl(int64_t dim = 8, int64_t num_layers = 3) {
    layers = register_module("layers", torch::nn::ModuleList());
    for (int64_t i = 0; i < num_layers; ++i) {
      layers->push_back(torch::nn::Linear(dim, dim));
    }
    out = register_module("out", torch::nn::Linear(dim, 1));
  }

  torch::nn::ModuleList layers{nullptr};
  torch::nn::Linear out{nullptr};
};
TORCH_MODULE(ResidualStack);
