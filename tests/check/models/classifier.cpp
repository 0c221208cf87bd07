// A small tabular classifier: Linear -> BatchNorm1d -> Linear, all sizes constructor arguments with defaults.
#include <torch/torch.h>

struct ClassifierImpl : torch::nn::Module {
  ClassifierImpl(int64_t in_features = 32, int64_t hidden = 16, int64_t num_classes = 4)
      : fc1(register_module("fc1", torch::nn::Linear(in_features, hidden))),
        bn(register_module("bn", torch::nn::BatchNorm1d(hidden))),
        fc2(register_module("fc2", torch::nn::Linear(hidden, num_classes))) {}

  torch::Tensor forward(torch::Tensor x) {
    return fc2(torch::relu(bn(fc1(x))));
  }

  torch::nn::Linear fc1;
  torch::nn::BatchNorm1d bn;
  torch::nn::Linear fc2;
};
TORCH_MODULE(Classifier);
