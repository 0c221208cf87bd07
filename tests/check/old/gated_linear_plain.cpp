// The layer before it gained its gate, count and scale: one Linear.
#include <torch/torch.h>

struct GatedLinearImpl : torch::nn::Module {
  GatedLinearImpl(int64_t in = 6, int64_t out = 3) { fc = register_module("fc", torch::nn::Linear(in, out)); }

  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(GatedLinear);
