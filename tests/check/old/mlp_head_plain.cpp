// The MLP head as it was when its checkpoint was saved: the Sequential ended at
// its second Linear, and there was no output activation.
#include <torch/torch.h>

struct MlpHeadImpl : torch::nn::Module {
  MlpHeadImpl(int64_t in = 8, int64_t hidden = 16, int64_t out = 4) {
    mlp = register_module(
        "mlp", torch::nn::Sequential(torch::nn::Linear(in, hidden), torch::nn::GELU(), torch::nn::Linear(hidden, out)));
  }

  torch::nn::Sequential mlp{nullptr};
};
TORCH_MODULE(MlpHead);
