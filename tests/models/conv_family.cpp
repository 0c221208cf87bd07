// Exercises: Conv1d/Conv2d/Conv3d/ConvTranspose2d, builder chains (stride/bias/groups/padding), ExpandingArray kernels {3, 5}.
#include <torch/torch.h>

struct ConvZooImpl : torch::nn::Module {
  ConvZooImpl() {
    audio = register_module("audio", torch::nn::Conv1d(torch::nn::Conv1dOptions(2, 8, 7).padding(3)));
    stem = register_module("stem", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 64, 3).stride(2).bias(false)));
    rect = register_module("rect", torch::nn::Conv2d(torch::nn::Conv2dOptions(64, 32, {3, 5}).padding({1, 2})));
    depthwise = register_module("depthwise",
                                torch::nn::Conv2d(torch::nn::Conv2dOptions(32, 32, 3).groups(32).padding(1)));
    grouped = register_module("grouped", torch::nn::Conv2d(torch::nn::Conv2dOptions(32, 64, 1).groups(4)));
    volume = register_module("volume", torch::nn::Conv3d(torch::nn::Conv3dOptions(1, 4, {3, 3, 3})));
    anisotropic = register_module("anisotropic", torch::nn::Conv3d(torch::nn::Conv3dOptions(4, 8, {1, 3, 3}).bias(false)));
    up = register_module("up", torch::nn::ConvTranspose2d(
                                   torch::nn::ConvTranspose2dOptions(64, 16, 4).stride(2).padding(1)));
    up_grouped = register_module("up_grouped", torch::nn::ConvTranspose2d(
                                                   torch::nn::ConvTranspose2dOptions(16, 8, {2, 3}).groups(2).bias(false)));
  }

  torch::Tensor forward(torch::Tensor x) { return up(grouped(depthwise(rect(stem(x))))); }

  torch::nn::Conv1d audio{nullptr};
  torch::nn::Conv2d stem{nullptr}, rect{nullptr}, depthwise{nullptr}, grouped{nullptr};
  torch::nn::Conv3d volume{nullptr}, anisotropic{nullptr};
  torch::nn::ConvTranspose2d up{nullptr}, up_grouped{nullptr};
};
TORCH_MODULE(ConvZoo);
