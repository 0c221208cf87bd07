// A linear layer that gained, in this order, a submodule, a buffer and a
// parameter: torch::load reads a module's parameters first, then its buffers,
// then its submodules, whatever order they were registered in.
#include <torch/torch.h>

struct GatedLinearImpl : torch::nn::Module {
  GatedLinearImpl(int64_t in = 6, int64_t out = 3) {
    gate = register_module("gate", torch::nn::Linear(in, out));
    count = register_buffer("count", torch::zeros({1}, torch::kInt64));
    scale = register_parameter("scale", torch::ones({out}));
    fc = register_module("fc", torch::nn::Linear(in, out));
  }

  torch::Tensor forward(torch::Tensor x) { return fc(x) * torch::sigmoid(gate(x)) * scale; }

  torch::nn::Linear gate{nullptr}, fc{nullptr};
  torch::Tensor count, scale;
};
TORCH_MODULE(GatedLinear);
