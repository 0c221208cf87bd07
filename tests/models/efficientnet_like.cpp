// Exercises: EfficientNet (B2 multipliers) from a std::vector<std::tuple<...>> configuration table read with structured bindings and std::get<N>, round_filters/round_repeats helpers with double width/depth multipliers (static_cast, std::ceil, 0.9 * filters), MBConv with an optional expand conv and squeeze-excitation sized std::max<int64_t>(1, in / 4), SiLU, depthwise convs, ConvBNActivation subclassing SequentialImpl (push_back in its own constructor) and a StackSequential subclass filled through its holder, nested in Sequentials.
#include <torch/torch.h>

namespace effnet {

// expand_ratio, channels, repeats, stride, kernel_size
using BlockArgs = std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t>;

const std::vector<BlockArgs> kBaseBlocks = {
    {1, 16, 1, 1, 3},
    {6, 24, 2, 2, 3},
    {6, 40, 2, 2, 5},
    {6, 80, 3, 2, 3},
    {6, 112, 3, 1, 5},
    {6, 192, 4, 2, 5},
    {6, 320, 1, 1, 3},
};

int64_t round_filters(int64_t filters, double width_mult, int64_t divisor = 8) {
  if (width_mult == 1.0) return filters;
  const double scaled = filters * width_mult;
  int64_t new_filters =
      std::max(divisor, static_cast<int64_t>(scaled + divisor / 2.0) / divisor * divisor);
  // Make sure that rounding down does not go down by more than 10%.
  if (new_filters < 0.9 * scaled) new_filters += divisor;
  return new_filters;
}

int64_t round_repeats(int64_t repeats, double depth_mult) {
  return static_cast<int64_t>(std::ceil(depth_mult * repeats));
}

// Conv2d + BatchNorm2d (+ SiLU). A Sequential nested in a Sequential needs a concrete forward().
struct ConvBNActivationImpl : torch::nn::SequentialImpl {
  ConvBNActivationImpl(int64_t in, int64_t out, int64_t kernel, int64_t stride = 1, int64_t groups = 1,
                       bool activation = true) {
    push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel)
                                    .stride(stride)
                                    .padding((kernel - 1) / 2)
                                    .groups(groups)
                                    .bias(false)));
    push_back(torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(out).eps(1e-3).momentum(0.01)));
    if (activation) push_back(torch::nn::SiLU());
  }

  torch::Tensor forward(torch::Tensor x) { return torch::nn::SequentialImpl::forward(x); }
};
TORCH_MODULE(ConvBNActivation);

struct StackSequentialImpl : torch::nn::SequentialImpl {
  using SequentialImpl::SequentialImpl;

  torch::Tensor forward(torch::Tensor x) { return torch::nn::SequentialImpl::forward(x); }
};
TORCH_MODULE(StackSequential);

class SqueezeExcitationImpl : public torch::nn::Module {
 public:
  SqueezeExcitationImpl(int64_t channels, int64_t squeeze_channels)
      : fc1(torch::nn::Conv2dOptions(channels, squeeze_channels, 1)),
        fc2(torch::nn::Conv2dOptions(squeeze_channels, channels, 1)) {
    register_module("fc1", fc1);
    register_module("fc2", fc2);
  }

  torch::Tensor forward(const torch::Tensor& x) {
    auto scale = torch::adaptive_avg_pool2d(x, 1);
    scale = torch::silu(fc1(scale));
    scale = torch::sigmoid(fc2(scale));
    return x * scale;
  }

 private:
  torch::nn::Conv2d fc1, fc2;
};
TORCH_MODULE(SqueezeExcitation);

class MBConvImpl : public torch::nn::Module {
 public:
  MBConvImpl(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t expand_ratio)
      : use_res_connect_(stride == 1 && in == out) {
    const int64_t expanded = in * expand_ratio;
    torch::nn::Sequential layers;
    // expand
    if (expanded != in) layers->push_back(ConvBNActivation(in, expanded, 1));
    // depthwise
    layers->push_back(ConvBNActivation(expanded, expanded, kernel, stride, expanded));
    // squeeze and excitation
    layers->push_back(SqueezeExcitation(expanded, std::max<int64_t>(1, in / 4)));
    // project
    layers->push_back(ConvBNActivation(expanded, out, 1, 1, 1, /*activation=*/false));
    block = register_module("block", layers);
  }

  torch::Tensor forward(torch::Tensor x) {
    auto result = block->forward(x);
    return use_res_connect_ ? result + x : result;
  }

 private:
  bool use_res_connect_;
  torch::nn::Sequential block{nullptr};
};
TORCH_MODULE(MBConv);

}  // namespace effnet

struct EfficientNetImpl : torch::nn::Module {
  EfficientNetImpl(double width_mult, double depth_mult, double dropout, int64_t num_classes = 1000) {
    using namespace effnet;
    torch::nn::Sequential layers;

    // building first layer
    const int64_t stem_channels = round_filters(32, width_mult);
    layers->push_back(ConvBNActivation(3, stem_channels, 3, 2));

    // building inverted residual blocks
    int64_t in_channels = stem_channels;
    for (const auto& args : kBaseBlocks) {
      auto [t, c, n, s, k] = args;
      const int64_t out_channels = round_filters(c, width_mult);
      StackSequential stage;
      for (int64_t i = 0; i < round_repeats(n, depth_mult); ++i) {
        stage->push_back(MBConv(in_channels, out_channels, k, i == 0 ? s : 1, t));
        in_channels = out_channels;
      }
      layers->push_back(stage);
    }

    // building last several layers
    const int64_t last_in = round_filters(std::get<1>(kBaseBlocks.back()), width_mult);
    const int64_t last_channel = 4 * last_in;
    layers->push_back(ConvBNActivation(last_in, last_channel, 1));
    features = register_module("features", layers);

    classifier = register_module(
        "classifier",
        torch::nn::Sequential(torch::nn::Dropout(torch::nn::DropoutOptions(dropout).inplace(true)),
                              torch::nn::Linear(last_channel, num_classes)));
  }

  torch::Tensor forward(torch::Tensor x) {
    x = features->forward(x);
    x = torch::adaptive_avg_pool2d(x, 1).flatten(1);
    return classifier->forward(x);
  }

  torch::nn::Sequential features{nullptr};
  torch::nn::Sequential classifier{nullptr};
};
TORCH_MODULE(EfficientNet);
