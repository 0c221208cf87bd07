// A projection kept as a raw parameter `w` of shape [out, in] (the Python original stored it [in, out] and used x @ w).
#include <torch/torch.h>

struct RawProjectionImpl : torch::nn::Module {
  RawProjectionImpl(int64_t in_features = 10, int64_t out_features = 6) {
    w = register_parameter("w", torch::randn({out_features, in_features}) * 0.1);
    b = register_parameter("b", torch::zeros({out_features}));
  }

  torch::Tensor forward(torch::Tensor x) { return torch::nn::functional::linear(x, w, b); }

  torch::Tensor w, b;
};
TORCH_MODULE(RawProjection);
