// The stats net as it was when its checkpoint was saved: the running mean was
// float, and held values (1, 2, 3, 4) that a wrong reading would not preserve.
#include <torch/torch.h>

struct StatsNetImpl : torch::nn::Module {
  StatsNetImpl(int64_t dim = 4) {
    fc = register_module("fc", torch::nn::Linear(dim, dim));
    running_mean = register_buffer("running_mean", torch::arange(1, dim + 1, torch::kFloat32));
  }

  torch::nn::Linear fc{nullptr};
  torch::Tensor running_mean;
};
TORCH_MODULE(StatsNet);
