// C++ port of a Python model: the Python original nests nn.Sequential blocks
// (features.0.0, features.0.1, ...), this port flattens them into one Sequential.
#include <torch/torch.h>

struct FeatureNetImpl : torch::nn::Module {
  FeatureNetImpl(int64_t num_classes = 10) {
    features = register_module("features", torch::nn::Sequential(
        torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 8, 3).padding(1)),
        torch::nn::BatchNorm2d(8),
        torch::nn::ReLU(),
        torch::nn::Conv2d(torch::nn::Conv2dOptions(8, 16, 3).padding(1)),
        torch::nn::BatchNorm2d(16),
        torch::nn::ReLU()));
    classifier = register_module("classifier", torch::nn::Linear(16, num_classes));
  }

  torch::Tensor forward(torch::Tensor x) {
    x = torch::adaptive_avg_pool2d(features->forward(x), {1, 1}).flatten(1);
    return classifier(x);
  }

  torch::nn::Sequential features{nullptr};
  torch::nn::Linear classifier{nullptr};
};
TORCH_MODULE(FeatureNet);
