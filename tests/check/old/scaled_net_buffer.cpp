// The scaled net as it was when its checkpoint was saved: `scale` was a fixed buffer.
#include <torch/torch.h>

struct ScaledNetImpl : torch::nn::Module {
  ScaledNetImpl(int64_t dim = 6) {
    fc = register_module("fc", torch::nn::Linear(dim, dim));
    scale = register_buffer("scale", torch::ones({dim}));
    register_buffer("offset", torch::zeros({dim}));
  }

  torch::nn::Linear fc{nullptr};
  torch::Tensor scale;
};
TORCH_MODULE(ScaledNet);
