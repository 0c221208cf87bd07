// A projector over sequences: a pointwise Conv1d (the TorchScript file was made with nn.Linear under the same names).
#include <torch/torch.h>

struct ProjectorImpl : torch::nn::Module {
  ProjectorImpl(int64_t in_channels = 8, int64_t out_channels = 4) {
    proj = register_module("proj", torch::nn::Conv1d(torch::nn::Conv1dOptions(in_channels, out_channels, 1)));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({out_channels})));
  }

  // x: [batch, in_channels, length]
  torch::Tensor forward(torch::Tensor x) { return norm(proj(x).transpose(1, 2)); }

  torch::nn::Conv1d proj{nullptr};
  torch::nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(Projector);
