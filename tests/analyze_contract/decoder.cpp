// The other of two unrelated modules (see encoder.cpp).
#include <torch/torch.h>

struct DecoderImpl : torch::nn::Module {
  DecoderImpl() {
    out = register_module("out", torch::nn::Linear(4, 16));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({16})));
  }
  torch::nn::Linear out{nullptr};
  torch::nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(Decoder);
