// A layer followed by a running mean that is now kept in double precision; it
// used to be float (old/stats_net_float.cpp saved the checkpoint).
#include <torch/torch.h>

struct StatsNetImpl : torch::nn::Module {
  StatsNetImpl(int64_t dim = 4) {
    fc = register_module("fc", torch::nn::Linear(dim, dim));
    running_mean = register_buffer("running_mean", torch::zeros({dim}, torch::kFloat64));
  }

  torch::Tensor forward(torch::Tensor x) { return fc(x) - running_mean.to(x.dtype()); }

  torch::nn::Linear fc{nullptr};
  torch::Tensor running_mean;
};
TORCH_MODULE(StatsNet);
