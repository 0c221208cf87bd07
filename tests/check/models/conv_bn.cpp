// Two Conv2d + BatchNorm2d stages (BatchNorm keeps running statistics and num_batches_tracked).
#include <torch/torch.h>

struct ConvBnImpl : torch::nn::Module {
  ConvBnImpl(int64_t channels = 8) {
    conv1 = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, channels, 3).bias(false)));
    bn1 = register_module("bn1", torch::nn::BatchNorm2d(channels));
    conv2 = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, channels, 3).bias(false)));
    bn2 = register_module("bn2", torch::nn::BatchNorm2d(channels));
  }

  torch::Tensor forward(torch::Tensor x) {
    x = torch::relu(bn1(conv1(x)));
    return torch::relu(bn2(conv2(x)));
  }

  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
};
TORCH_MODULE(ConvBn);
