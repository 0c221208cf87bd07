// Exercises: MobileNetV2-style inverted residual blocks built from a configuration table of
// structs ({expand, channels, repeats, stride}), nested loops over it, `i == 0 ? stride : 1`,
// depthwise convolutions (groups = hidden), a branch on a block argument, a helper computing
// channel counts with integer arithmetic, macros that expand to registrations.
#include <torch/torch.h>

#define CONV_BN(seq, in, out, kernel, step, group_count)                                              \
  seq->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel)                          \
                                       .stride(step)                                                 \
                                       .padding((kernel) / 2)                                        \
                                       .groups(group_count)                                          \
                                       .bias(false)));                                               \
  seq->push_back(torch::nn::BatchNorm2d(out))

struct BlockConfig {
  int64_t expand;
  int64_t channels;
  int64_t repeats;
  int64_t stride;
};

static int64_t make_divisible(int64_t value, int64_t divisor = 8) {
  int64_t rounded = std::max(divisor, (value + divisor / 2) / divisor * divisor);
  if (rounded * 10 < value * 9) rounded += divisor;
  return rounded;
}

struct InvertedResidualImpl : torch::nn::Module {
  InvertedResidualImpl(int64_t in, int64_t out, int64_t stride, int64_t expand) {
    int64_t hidden = in * expand;
    torch::nn::Sequential layers;
    if (expand != 1) {
      CONV_BN(layers, in, hidden, 1, 1, 1);
      layers->push_back(torch::nn::ReLU6());
    }
    CONV_BN(layers, hidden, hidden, 3, stride, hidden);
    layers->push_back(torch::nn::ReLU6());
    CONV_BN(layers, hidden, out, 1, 1, 1);
    conv = register_module("conv", layers);
  }
  torch::Tensor forward(torch::Tensor x) { return conv->forward(x); }
  torch::nn::Sequential conv{nullptr};
};
TORCH_MODULE(InvertedResidual);

struct TinyMobileNetImpl : torch::nn::Module {
  explicit TinyMobileNetImpl(int64_t num_classes, int64_t stem_width = 30) {
    const std::vector<BlockConfig> configs = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}};
    int64_t in = make_divisible(stem_width);
    torch::nn::Sequential features;
    CONV_BN(features, 3, in, 3, 2, 1);
    for (const auto& cfg : configs) {
      int64_t out = make_divisible(cfg.channels);
      for (int64_t i = 0; i < cfg.repeats; ++i) {
        features->push_back(InvertedResidual(in, out, i == 0 ? cfg.stride : 1, cfg.expand));
        in = out;
      }
    }
    features = register_module("features", features);
    classifier = register_module("classifier", torch::nn::Linear(in, num_classes));
  }
  torch::nn::Sequential features{nullptr};
  torch::nn::Linear classifier{nullptr};
};
TORCH_MODULE(TinyMobileNet);
