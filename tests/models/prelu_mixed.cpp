// Exercises: PReLU (single and per-channel) registered next to parameter-free layers that are registered too (ReLU, Dropout, Flatten, MaxPool).
#include <torch/torch.h>

struct PReluNetImpl : torch::nn::Module {
  PReluNetImpl() {
    conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 16, 3)));
    act1 = register_module("act1", torch::nn::PReLU(torch::nn::PReLUOptions().num_parameters(16)));
    pool = register_module("pool", torch::nn::MaxPool2d(2));
    drop = register_module("drop", torch::nn::Dropout(0.3));
    flatten = register_module("flatten", torch::nn::Flatten());
    fc = register_module("fc", torch::nn::Linear(16 * 15 * 15, 10));
    act2 = register_module("act2", torch::nn::PReLU());
    relu = register_module("relu", torch::nn::ReLU(torch::nn::ReLUOptions().inplace(true)));
  }

  torch::Tensor forward(torch::Tensor x) {
    return relu(act2(fc(flatten(drop(pool(act1(conv(x))))))));
  }

  torch::nn::Conv2d conv{nullptr};
  torch::nn::PReLU act1{nullptr}, act2{nullptr};
  torch::nn::MaxPool2d pool{nullptr};
  torch::nn::Dropout drop{nullptr};
  torch::nn::Flatten flatten{nullptr};
  torch::nn::Linear fc{nullptr};
  torch::nn::ReLU relu{nullptr};
};
TORCH_MODULE(PReluNet);
