// Exercises: `register_module("b", std::make_shared<BlockImpl>(...))` and plain `std::shared_ptr<XImpl>` members (no TORCH_MODULE holder).
#include <torch/torch.h>

struct BlockImpl : torch::nn::Module {
  BlockImpl(int64_t in, int64_t out) {
    linear = register_module("linear", std::make_shared<torch::nn::LinearImpl>(in, out));
    norm = register_module("norm", std::make_shared<torch::nn::LayerNormImpl>(
                                       torch::nn::LayerNormOptions({out})));
  }

  torch::Tensor forward(torch::Tensor x) { return torch::relu(norm->forward(linear->forward(x))); }

  std::shared_ptr<torch::nn::LinearImpl> linear;
  std::shared_ptr<torch::nn::LayerNormImpl> norm;
};

struct StackImpl : torch::nn::Module {
  StackImpl() {
    b1 = register_module("b1", std::make_shared<BlockImpl>(16, 32));
    b2 = register_module("b2", std::make_shared<BlockImpl>(32, 32));
    register_module("b3", std::make_shared<BlockImpl>(32, 8));
  }

  torch::Tensor forward(torch::Tensor x) { return b2->forward(b1->forward(x)); }

  std::shared_ptr<BlockImpl> b1;
  std::shared_ptr<BlockImpl> b2;
};
