// Two Linear layers sharing one width `hidden`, a required constructor argument (no default).
#include <torch/torch.h>

struct TwoLayerImpl : torch::nn::Module {
  explicit TwoLayerImpl(int64_t hidden) {
    fc1 = register_module("fc1", torch::nn::Linear(16, hidden));
    fc2 = register_module("fc2", torch::nn::Linear(hidden, 4));
  }

  torch::Tensor forward(torch::Tensor x) { return fc2(torch::relu(fc1(x))); }

  torch::nn::Linear fc1{nullptr}, fc2{nullptr};
};
TORCH_MODULE(TwoLayer);
