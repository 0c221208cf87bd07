// Exercises: a model made only of parameter-free layers (registered and in a Sequential): no parameters and no buffers at all.
#include <torch/torch.h>

struct PreprocessImpl : torch::nn::Module {
  PreprocessImpl() {
    pool = register_module("pool", torch::nn::AvgPool2d(torch::nn::AvgPool2dOptions({2, 2})));
    pipeline = register_module("pipeline", torch::nn::Sequential(
                                               torch::nn::Upsample(torch::nn::UpsampleOptions().scale_factor(std::vector<double>{2.0, 2.0})),
                                               torch::nn::ReLU6(),
                                               torch::nn::Dropout2d(0.1),
                                               torch::nn::Flatten()));
    softmax = register_module("softmax", torch::nn::Softmax(1));
    identity = register_module("identity", torch::nn::Identity());
  }

  torch::Tensor forward(torch::Tensor x) { return softmax(pipeline->forward(pool(identity(x)))); }

  torch::nn::AvgPool2d pool{nullptr};
  torch::nn::Sequential pipeline{nullptr};
  torch::nn::Softmax softmax{nullptr};
  torch::nn::Identity identity{nullptr};
};
TORCH_MODULE(Preprocess);
