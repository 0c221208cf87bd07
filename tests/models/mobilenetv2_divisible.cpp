// Exercises: MobileNetV2 channel rounding: make_divisible(double, int64_t, c10::optional<int64_t> min_value = {}) with has_value()/value(), std::max<int64_t> over int and int64_t, std::max(1.0, width_mult), a rounding-up branch; ConvBNReLU as a SequentialImpl subclass, a vector<vector<int64_t>> settings table, std::round on an expand ratio.
#include <torch/torch.h>

// Rounds a channel count to a multiple of divisor, never more than 10% below it.
int64_t make_divisible(double v, int64_t divisor, c10::optional<int64_t> min_value = {}) {
  if (!min_value.has_value()) {
    min_value = divisor;
  }
  int64_t new_v = std::max<int64_t>(min_value.value(), int(v + divisor / 2.0) / divisor * divisor);
  // Make sure that round down does not go down by more than 10%.
  if (new_v < 0.9 * v) {
    new_v += divisor;
  }
  return new_v;
}

struct ConvBNReLUImpl : torch::nn::SequentialImpl {
  ConvBNReLUImpl(int64_t in_planes, int64_t out_planes, int64_t kernel_size = 3, int64_t stride = 1,
                 int64_t groups = 1) {
    auto padding = (kernel_size - 1) / 2;
    push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in_planes, out_planes, kernel_size)
                                    .stride(stride)
                                    .padding(padding)
                                    .groups(groups)
                                    .bias(false)));
    push_back(torch::nn::BatchNorm2d(out_planes));
    push_back(torch::nn::ReLU6(torch::nn::ReLU6Options(true)));
  }

  torch::Tensor forward(torch::Tensor x) { return torch::nn::SequentialImpl::forward(x); }
};
TORCH_MODULE(ConvBNReLU);

struct InvertedResidualImpl : torch::nn::Module {
  bool use_res_connect;
  torch::nn::Sequential conv;

  InvertedResidualImpl(int64_t inp, int64_t oup, int64_t stride, double expand_ratio)
      : use_res_connect(stride == 1 && inp == oup) {
    TORCH_CHECK(stride == 1 || stride == 2);
    auto hidden_dim = int64_t(std::round(inp * expand_ratio));

    if (expand_ratio != 1) {
      // pw
      conv->push_back(ConvBNReLU(inp, hidden_dim, 1));
    }
    // dw
    conv->push_back(ConvBNReLU(hidden_dim, hidden_dim, 3, stride, hidden_dim));
    // pw-linear
    conv->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(hidden_dim, oup, 1).bias(false)));
    conv->push_back(torch::nn::BatchNorm2d(oup));
    register_module("conv", conv);
  }

  torch::Tensor forward(torch::Tensor x) {
    if (use_res_connect) return x + conv->forward(x);
    return conv->forward(x);
  }
};
TORCH_MODULE(InvertedResidual);

struct MobileNetV2Impl : torch::nn::Module {
  int64_t last_channel;
  torch::nn::Sequential features, classifier;

  MobileNetV2Impl(int64_t num_classes = 1000, double width_mult = 1.0, int64_t round_nearest = 8) {
    int64_t input_channel = 32;
    last_channel = 1280;
    std::vector<std::vector<int64_t>> inverted_residual_setting = {
        // t, c, n, s
        {1, 16, 1, 1},
        {6, 24, 2, 2},
        {6, 32, 3, 2},
        {6, 64, 2, 2},
        {6, 96, 1, 1},
    };

    // building first layer
    input_channel = make_divisible(input_channel * width_mult, round_nearest);
    last_channel = make_divisible(last_channel * std::max(1.0, width_mult), round_nearest);
    features->push_back(ConvBNReLU(3, input_channel, 3, 2));

    // building inverted residual blocks
    for (const auto& setting : inverted_residual_setting) {
      auto t = setting[0], c = setting[1], n = setting[2], s = setting[3];
      auto output_channel = make_divisible(c * width_mult, round_nearest);
      for (int64_t i = 0; i < n; ++i) {
        auto stride = i == 0 ? s : 1;
        features->push_back(InvertedResidual(input_channel, output_channel, stride, t));
        input_channel = output_channel;
      }
    }
    // building last several layers
    features->push_back(ConvBNReLU(input_channel, last_channel, 1));

    classifier->push_back(torch::nn::Dropout(0.2));
    classifier->push_back(torch::nn::Linear(last_channel, num_classes));

    register_module("features", features);
    register_module("classifier", classifier);
  }

  torch::Tensor forward(torch::Tensor x) {
    x = features->forward(x);
    x = x.mean({2, 3});
    return classifier->forward(x);
  }
};
TORCH_MODULE(MobileNetV2);
