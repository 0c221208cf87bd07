// Exercises: nested custom modules with constructor arguments (ResidualBlock(64, 128, 2)), a holder member of a custom module, one trivial branch.
#include <torch/torch.h>

struct ResidualBlockImpl : torch::nn::Module {
  ResidualBlockImpl(int64_t in_channels, int64_t out_channels, int64_t stride = 1)
      : conv1(torch::nn::Conv2dOptions(in_channels, out_channels, 3).stride(stride).padding(1).bias(false)),
        bn1(out_channels),
        conv2(torch::nn::Conv2dOptions(out_channels, out_channels, 3).stride(1).padding(1).bias(false)),
        bn2(out_channels) {
    register_module("conv1", conv1);
    register_module("bn1", bn1);
    register_module("conv2", conv2);
    register_module("bn2", bn2);
    if (stride != 1 || in_channels != out_channels) {
      downsample = register_module("downsample", torch::nn::Sequential(
                                                     torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, out_channels, 1).stride(stride).bias(false)),
                                                     torch::nn::BatchNorm2d(out_channels)));
    }
  }

  torch::Tensor forward(torch::Tensor x) {
    auto out = torch::relu(bn1(conv1(x)));
    out = bn2(conv2(out));
    return torch::relu(out + (downsample ? downsample->forward(x) : x));
  }

  torch::nn::Conv2d conv1;
  torch::nn::BatchNorm2d bn1;
  torch::nn::Conv2d conv2;
  torch::nn::BatchNorm2d bn2;
  torch::nn::Sequential downsample{nullptr};
};
TORCH_MODULE(ResidualBlock);

struct TinyResNetImpl : torch::nn::Module {
  explicit TinyResNetImpl(int64_t num_classes = 1000) {
    conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 64, 7).stride(2).padding(3).bias(false)));
    bn = register_module("bn", torch::nn::BatchNorm2d(64));
    layer1 = register_module("layer1", ResidualBlock(64, 64));
    layer2 = register_module("layer2", ResidualBlock(64, 128, 2));
    fc = register_module("fc", torch::nn::Linear(128, num_classes));
  }

  torch::nn::Conv2d conv{nullptr};
  torch::nn::BatchNorm2d bn{nullptr};
  ResidualBlock layer1{nullptr}, layer2{nullptr};
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(TinyResNet);
