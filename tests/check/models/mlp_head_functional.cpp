// The MLP head with an output activation held as a torch::nn::Functional: a
// submodule LibTorch neither saves nor asks for (its is_serializable() is false),
// so the checkpoint of the plain head still loads.
#include <torch/torch.h>

struct MlpHeadImpl : torch::nn::Module {
  MlpHeadImpl(int64_t in = 8, int64_t hidden = 16, int64_t out = 4) {
    mlp = register_module(
        "mlp", torch::nn::Sequential(torch::nn::Linear(in, hidden), torch::nn::GELU(), torch::nn::Linear(hidden, out)));
    act = register_module("act", torch::nn::Functional(torch::relu));
  }

  torch::Tensor forward(torch::Tensor x) { return act(mlp->forward(x)); }

  torch::nn::Sequential mlp{nullptr};
  torch::nn::Functional act{nullptr};
};
TORCH_MODULE(MlpHead);
