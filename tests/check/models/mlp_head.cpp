// An MLP head that gained two layers without weights: an Identity at the end of
// its Sequential (a placeholder for a later projection) and an output GELU.
#include <torch/torch.h>

struct MlpHeadImpl : torch::nn::Module {
  MlpHeadImpl(int64_t in = 8, int64_t hidden = 16, int64_t out = 4) {
    mlp = register_module("mlp", torch::nn::Sequential(torch::nn::Linear(in, hidden), torch::nn::GELU(),
                                                       torch::nn::Linear(hidden, out), torch::nn::Identity()));
    act = register_module("act", torch::nn::GELU());
  }

  torch::Tensor forward(torch::Tensor x) { return act(mlp->forward(x)); }

  torch::nn::Sequential mlp{nullptr};
  torch::nn::GELU act{nullptr};
};
TORCH_MODULE(MlpHead);
