// A constructor that rejects its argument, as models do with TORCH_CHECK.
#include <torch/torch.h>

struct NetImpl : torch::nn::Module {
  NetImpl(int64_t d_model, int64_t heads) {
    TORCH_CHECK(d_model % heads == 0, "d_model must be divisible by heads");
    fc = register_module("fc", torch::nn::Linear(d_model, d_model / heads));
  }
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(Net);
