// Exercises: interleaved registration of children, parameters and buffers, registration order differing from member declaration order.
#include <torch/torch.h>

struct OrderProbeImpl : torch::nn::Module {
  OrderProbeImpl() {
    // Registered in a different order than the members are declared below.
    second = register_module("second", torch::nn::Linear(4, 4));
    gamma = register_parameter("gamma", torch::ones({4}));
    first = register_module("first", torch::nn::BatchNorm1d(4));
    ema = register_buffer("ema", torch::zeros({4}));
    beta = register_parameter("beta", torch::zeros({4}));
    counter = register_buffer("counter", torch::zeros({}, torch::kLong));
    third = register_module("third", torch::nn::Sequential(torch::nn::Linear(4, 2), torch::nn::BatchNorm1d(2)));
  }

  torch::nn::BatchNorm1d first{nullptr};
  torch::nn::Linear second{nullptr};
  torch::nn::Sequential third{nullptr};
  torch::Tensor beta, gamma, ema, counter;
};
TORCH_MODULE(OrderProbe);
