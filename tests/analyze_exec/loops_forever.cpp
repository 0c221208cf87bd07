// A constructor that never returns.
#include <torch/torch.h>

struct NetImpl : torch::nn::Module {
  explicit NetImpl(int64_t width) {
    volatile int64_t spin = 0;
    while (width > 0) spin = spin + 1;
    fc = register_module("fc", torch::nn::Linear(width, 2));
  }
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(Net);
