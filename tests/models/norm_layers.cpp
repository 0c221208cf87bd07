// Exercises: BatchNorm1d/2d (affine/track flags), InstanceNorm2d (defaults vs affine+track), multi-dim LayerNorm, GroupNorm.
#include <torch/torch.h>

struct NormZooImpl : torch::nn::Module {
  NormZooImpl() {
    bn1d = register_module("bn1d", torch::nn::BatchNorm1d(128));
    bn2d = register_module("bn2d", torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(64).momentum(0.01).eps(1e-3)));
    bn_plain = register_module("bn_plain", torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(16).affine(false)));
    bn_stateless = register_module("bn_stateless",
                                   torch::nn::BatchNorm1d(torch::nn::BatchNorm1dOptions(8).track_running_stats(false)));
    in_default = register_module("in_default", torch::nn::InstanceNorm2d(32));
    in_affine = register_module("in_affine", torch::nn::InstanceNorm2d(torch::nn::InstanceNorm2dOptions(32).affine(true)));
    in_full = register_module("in_full", torch::nn::InstanceNorm2d(
                                             torch::nn::InstanceNorm2dOptions(32).affine(true).track_running_stats(true)));
    in_tracked = register_module("in_tracked", torch::nn::InstanceNorm2d(
                                                   torch::nn::InstanceNorm2dOptions(24).track_running_stats(true)));
    ln = register_module("ln", torch::nn::LayerNorm(torch::nn::LayerNormOptions({10, 20})));
    ln_plain = register_module("ln_plain", torch::nn::LayerNorm(
                                               torch::nn::LayerNormOptions({4, 5, 6}).elementwise_affine(false)));
    gn = register_module("gn", torch::nn::GroupNorm(torch::nn::GroupNormOptions(4, 32)));
    gn_plain = register_module("gn_plain", torch::nn::GroupNorm(torch::nn::GroupNormOptions(2, 12).affine(false)));
  }

  torch::nn::BatchNorm1d bn1d{nullptr}, bn_stateless{nullptr};
  torch::nn::BatchNorm2d bn2d{nullptr}, bn_plain{nullptr};
  torch::nn::InstanceNorm2d in_default{nullptr}, in_affine{nullptr}, in_full{nullptr}, in_tracked{nullptr};
  torch::nn::LayerNorm ln{nullptr}, ln_plain{nullptr};
  torch::nn::GroupNorm gn{nullptr}, gn_plain{nullptr};
};
TORCH_MODULE(NormZoo);
