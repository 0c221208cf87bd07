// Exercises: Bilinear (3-d weight), Bilinear without bias, and a Linear fed by the same sizes.
#include <torch/torch.h>

struct PairScorerImpl : torch::nn::Module {
  PairScorerImpl(int64_t left_dim, int64_t right_dim, int64_t out_dim) {
    score = register_module("score", torch::nn::Bilinear(left_dim, right_dim, out_dim));
    gate = register_module("gate", torch::nn::Bilinear(
                                       torch::nn::BilinearOptions(left_dim, left_dim, 1).bias(false)));
    merge = register_module("merge", torch::nn::Linear(left_dim + right_dim, out_dim));
  }

  torch::Tensor forward(torch::Tensor a, torch::Tensor b) {
    return score(a, b) * torch::sigmoid(gate(a, a)) + merge(torch::cat({a, b}, -1));
  }

  torch::nn::Bilinear score{nullptr}, gate{nullptr};
  torch::nn::Linear merge{nullptr};
};
TORCH_MODULE(PairScorer);
