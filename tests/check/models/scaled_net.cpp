// A linear layer with an output scale that is now learned (a parameter); it used to be a fixed buffer.
#include <torch/torch.h>

struct ScaledNetImpl : torch::nn::Module {
  ScaledNetImpl(int64_t dim = 6) {
    fc = register_module("fc", torch::nn::Linear(dim, dim));
    scale = register_parameter("scale", torch::ones({dim}));
    register_buffer("offset", torch::zeros({dim}));
  }

  torch::Tensor forward(torch::Tensor x) { return fc(x) * scale + named_buffers()["offset"]; }

  torch::nn::Linear fc{nullptr};
  torch::Tensor scale;
};
TORCH_MODULE(ScaledNet);
