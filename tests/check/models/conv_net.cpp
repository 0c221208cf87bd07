// A conv net that gained a `refine` block and lost its `aux` classifier since the checkpoint was saved.
#include <torch/torch.h>

struct ConvNetImpl : torch::nn::Module {
  ConvNetImpl() {
    stem = register_module("stem", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 8, 3).padding(1)));
    refine = register_module("refine", torch::nn::Conv2d(torch::nn::Conv2dOptions(8, 8, 3).padding(1).bias(false)));
    head = register_module("head", torch::nn::Linear(8, 10));
  }

  torch::Tensor forward(torch::Tensor x) {
    x = torch::relu(stem(x));
    x = torch::relu(refine(x));
    x = torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
    return head(x);
  }

  torch::nn::Conv2d stem{nullptr}, refine{nullptr};
  torch::nn::Linear head{nullptr};
};
TORCH_MODULE(ConvNet);
