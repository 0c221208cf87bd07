// The MNIST-style MLP as it was when its checkpoint was saved: hidden width 128.
#include <torch/torch.h>

struct MnistMlpImpl : torch::nn::Module {
  MnistMlpImpl() {
    fc1 = register_module("fc1", torch::nn::Linear(196, 128));
    fc2 = register_module("fc2", torch::nn::Linear(128, 10));
  }

  torch::nn::Linear fc1{nullptr}, fc2{nullptr};
};
TORCH_MODULE(MnistMlp);
