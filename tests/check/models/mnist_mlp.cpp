// An MNIST-style MLP on 14x14 images whose hidden width is now 64.
#include <torch/torch.h>

struct MnistMlpImpl : torch::nn::Module {
  MnistMlpImpl() {
    fc1 = register_module("fc1", torch::nn::Linear(196, 64));
    fc2 = register_module("fc2", torch::nn::Linear(64, 10));
  }

  torch::Tensor forward(torch::Tensor x) {
    return torch::log_softmax(fc2(torch::relu(fc1(x.view({x.size(0), 196})))), /*dim=*/1);
  }

  torch::nn::Linear fc1{nullptr}, fc2{nullptr};
};
TORCH_MODULE(MnistMlp);
