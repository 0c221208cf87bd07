// Exercises: models inside a project namespace (`vision::`), with the root referring to a sibling-namespace block.
#include <torch/torch.h>

namespace vision {
namespace blocks {

struct SqueezeExcitationImpl : torch::nn::Module {
  SqueezeExcitationImpl(int64_t channels, int64_t reduction = 4) {
    reduce = register_module("reduce", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, channels / reduction, 1)));
    expand = register_module("expand", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels / reduction, channels, 1)));
  }

  torch::nn::Conv2d reduce{nullptr}, expand{nullptr};
};
TORCH_MODULE(SqueezeExcitation);

}  // namespace blocks

struct MobileStemImpl : torch::nn::Module {
  explicit MobileStemImpl(int64_t width) {
    conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, width, 3).stride(2).padding(1).bias(false)));
    bn = register_module("bn", torch::nn::BatchNorm2d(width));
    se = register_module("se", blocks::SqueezeExcitation(width, 8));
    se_default = register_module("se_default", blocks::SqueezeExcitation(width));
  }

  torch::nn::Conv2d conv{nullptr};
  torch::nn::BatchNorm2d bn{nullptr};
  blocks::SqueezeExcitation se{nullptr}, se_default{nullptr};
};
TORCH_MODULE(MobileStem);

}  // namespace vision
