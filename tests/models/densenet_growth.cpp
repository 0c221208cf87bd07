// Exercises: DenseNet-style growth-rate arithmetic in nested loops with a while loop,
// c10::str names, std::min, integer division, helper function returning an int, break.
#include <torch/torch.h>

namespace {
int64_t compressed(int64_t channels, int64_t percent) { return channels * percent / 100; }
}  // namespace

struct DenseLayerImpl : torch::nn::Module {
  DenseLayerImpl(int64_t in_features, int64_t growth_rate, int64_t bn_size) {
    norm1 = register_module("norm1", torch::nn::BatchNorm2d(in_features));
    conv1 = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(in_features, bn_size * growth_rate, 1).bias(false)));
    norm2 = register_module("norm2", torch::nn::BatchNorm2d(bn_size * growth_rate));
    conv2 = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(bn_size * growth_rate, growth_rate, 3).padding(1).bias(false)));
  }
  torch::nn::BatchNorm2d norm1{nullptr}, norm2{nullptr};
  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
};
TORCH_MODULE(DenseLayer);

struct TinyDenseNetImpl : torch::nn::Module {
  TinyDenseNetImpl(int64_t growth_rate = 12, int64_t num_init_features = 24, int64_t bn_size = 4) {
    stem = register_module("stem", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, num_init_features, 3).padding(1).bias(false)));
    int64_t features = num_init_features;
    const std::vector<int64_t> block_config = {2, 3, 4};
    int block = 0;
    while (true) {
      for (int64_t i = 0; i < block_config[block]; ++i) {
        register_module(c10::str("block", block + 1, "_layer", i + 1), DenseLayer(features + i * growth_rate, growth_rate, bn_size));
      }
      features += block_config[block] * growth_rate;
      if (block + 1 == static_cast<int>(block_config.size())) break;
      int64_t out = std::min<int64_t>(compressed(features, 50), 64);
      register_module(c10::str("transition", block + 1), torch::nn::Conv2d(torch::nn::Conv2dOptions(features, out, 1).bias(false)));
      features = out;
      ++block;
    }
    norm = register_module("norm", torch::nn::BatchNorm2d(features));
  }
  torch::nn::Conv2d stem{nullptr};
  torch::nn::BatchNorm2d norm{nullptr};
};
TORCH_MODULE(TinyDenseNet);
