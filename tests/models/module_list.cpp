// Exercises: ModuleList built by the variadic constructor, push_back and extend (from another ModuleList and a std::vector).
#include <torch/torch.h>

struct LayerStackImpl : torch::nn::Module {
  explicit LayerStackImpl(int64_t width) {
    layers = register_module("layers", torch::nn::ModuleList(
                                           torch::nn::Linear(width, width),
                                           torch::nn::ReLU(),
                                           torch::nn::Linear(width, width)));
    layers->push_back(torch::nn::LayerNorm(torch::nn::LayerNormOptions({width})));

    torch::nn::ModuleList more(torch::nn::Linear(width, 2 * width), torch::nn::Linear(2 * width, width));
    layers->extend(*more);

    std::vector<std::shared_ptr<torch::nn::Module>> tail = {
        std::make_shared<torch::nn::LinearImpl>(width, 1),
    };
    layers->extend(tail);
  }

  torch::nn::ModuleList layers{nullptr};
};
TORCH_MODULE(LayerStack);
