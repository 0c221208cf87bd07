// A stack of num_layers residual Linear blocks built in a for loop into a ModuleList.
#include <torch/torch.h>

struct ResidualStackImpl : torch::nn::Module {
  ResidualStackImpl(int64_t dim = 8, int64_t num_layers = 4) {
    layers = register_module("layers", torch::nn::ModuleList());
    for (int64_t i = 0; i < num_layers; ++i) {
      layers->push_back(torch::nn::Linear(dim, dim));
    }
    out = register_module("out", torch::nn::Linear(dim, 1));
  }

  torch::Tensor forward(torch::Tensor x) {
    for (const auto& layer : *layers) x = x + torch::relu(layer->as<torch::nn::Linear>()->forward(x));
    return out(x);
  }

  torch::nn::ModuleList layers{nullptr};
  torch::nn::Linear out{nullptr};
};
TORCH_MODULE(ResidualStack);
