// The conv net as it was when its checkpoint was saved: no `refine` block yet, and an `aux` classifier.
#include <torch/torch.h>

struct ConvNetImpl : torch::nn::Module {
  ConvNetImpl() {
    stem = register_module("stem", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 8, 3).padding(1)));
    aux = register_module("aux", torch::nn::Linear(8, 10));
    head = register_module("head", torch::nn::Linear(8, 10));
  }

  torch::nn::Conv2d stem{nullptr};
  torch::nn::Linear aux{nullptr}, head{nullptr};
};
TORCH_MODULE(ConvNet);
