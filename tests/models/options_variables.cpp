// Exercises: options objects held in variables, mutated between uses, and copied; builder chains on a variable.
#include <torch/torch.h>

struct DownsamplerImpl : torch::nn::Module {
  explicit DownsamplerImpl(int64_t channels) {
    auto conv_opts = torch::nn::Conv2dOptions(channels, 64, 3).stride(2).bias(false);
    down1 = register_module("down1", torch::nn::Conv2d(conv_opts));

    conv_opts.in_channels(64).out_channels(128);
    down2 = register_module("down2", torch::nn::Conv2d(conv_opts));

    torch::nn::Conv2dOptions refine_opts = conv_opts;
    refine_opts.stride(1).kernel_size({1, 1}).bias(true);
    refine = register_module("refine", torch::nn::Conv2d(refine_opts));

    torch::nn::BatchNorm2dOptions bn_opts(128);
    bn_opts.affine(false);
    bn = register_module("bn", torch::nn::BatchNorm2d(bn_opts));

    const torch::nn::LinearOptions fc_opts = torch::nn::LinearOptions(128, 10).bias(false);
    fc = register_module("fc", torch::nn::Linear(fc_opts));
  }

  torch::nn::Conv2d down1{nullptr}, down2{nullptr}, refine{nullptr};
  torch::nn::BatchNorm2d bn{nullptr};
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(Downsampler);
