// Exercises: holders constructed in the member-initialiser list, then registered in the constructor body.
#include <torch/torch.h>

class ConvHeadImpl : public torch::nn::Module {
 public:
  ConvHeadImpl(int64_t in_channels, int64_t num_classes)
      : conv(torch::nn::Conv2dOptions(in_channels, 32, 3).padding(1)),
        bn(32),
        classifier(32, num_classes) {
    register_module("conv", conv);
    register_module("bn", bn);
    register_module("classifier", classifier);
  }

  torch::Tensor forward(torch::Tensor x) {
    x = torch::relu(bn(conv(x)));
    x = torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
    return classifier(x);
  }

 private:
  torch::nn::Conv2d conv;
  torch::nn::BatchNorm2d bn;
  torch::nn::Linear classifier;
};
TORCH_MODULE(ConvHead);
