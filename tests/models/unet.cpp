// Exercises: UNet with a DoubleConv helper (Conv-BN-ReLU x2 in a Sequential, optional mid width), ModuleList members registered before loops fill them, widths `features * (1 << i)`, a descending loop pushing ConvTranspose2d + DoubleConv pairs, a final 1x1 conv.
#include <torch/torch.h>

// (convolution => [BN] => ReLU) * 2
struct DoubleConvImpl : torch::nn::Module {
  DoubleConvImpl(int64_t in_channels, int64_t out_channels, int64_t mid_channels = 0) {
    if (!mid_channels) mid_channels = out_channels;
    double_conv = register_module(
        "double_conv",
        torch::nn::Sequential(
            torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, mid_channels, 3).padding(1).bias(false)),
            torch::nn::BatchNorm2d(mid_channels),
            torch::nn::ReLU(torch::nn::ReLUOptions().inplace(true)),
            torch::nn::Conv2d(torch::nn::Conv2dOptions(mid_channels, out_channels, 3).padding(1).bias(false)),
            torch::nn::BatchNorm2d(out_channels),
            torch::nn::ReLU(torch::nn::ReLUOptions().inplace(true))));
  }

  torch::Tensor forward(torch::Tensor x) { return double_conv->forward(x); }

  torch::nn::Sequential double_conv{nullptr};
};
TORCH_MODULE(DoubleConv);

class UNetImpl : public torch::nn::Module {
 public:
  UNetImpl(int64_t in_channels = 3, int64_t out_channels = 1, int64_t features = 64, int64_t depth = 4)
      : depth_(depth) {
    register_module("ups", ups);
    register_module("downs", downs);
    pool = register_module("pool", torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2).stride(2)));

    // Down part of the UNet.
    int64_t channels = in_channels;
    for (int64_t i = 0; i < depth; ++i) {
      const int64_t width = features * (1 << i);
      downs->push_back(DoubleConv(channels, width));
      channels = width;
    }

    // Up part of the UNet: one transposed conv and one DoubleConv per level.
    for (int64_t i = depth - 1; i >= 0; --i) {
      const int64_t width = features * (1 << i);
      ups->push_back(torch::nn::ConvTranspose2d(
          torch::nn::ConvTranspose2dOptions(width * 2, width, 2).stride(2)));
      ups->push_back(DoubleConv(width * 2, width));
    }

    bottleneck = register_module("bottleneck", DoubleConv(channels, channels * 2));
    final_conv = register_module("final_conv",
                                 torch::nn::Conv2d(torch::nn::Conv2dOptions(features, out_channels, 1)));
  }

  torch::Tensor forward(torch::Tensor x) {
    std::vector<torch::Tensor> skip_connections;
    for (const auto& down : *downs) {
      x = down->as<DoubleConvImpl>()->forward(x);
      skip_connections.push_back(x);
      x = pool(x);
    }
    x = bottleneck(x);
    std::reverse(skip_connections.begin(), skip_connections.end());
    for (size_t idx = 0; idx < ups->size(); idx += 2) {
      x = ups[idx]->as<torch::nn::ConvTranspose2dImpl>()->forward(x);
      x = torch::cat({skip_connections[idx / 2], x}, 1);
      x = ups[idx + 1]->as<DoubleConvImpl>()->forward(x);
    }
    return final_conv(x);
  }

 private:
  int64_t depth_;
  torch::nn::ModuleList ups;
  torch::nn::ModuleList downs;
  torch::nn::MaxPool2d pool{nullptr};
  DoubleConv bottleneck{nullptr};
  torch::nn::Conv2d final_conv{nullptr};
};
TORCH_MODULE(UNet);
