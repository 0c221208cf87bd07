// A feature encoder whose width is a constructor default (hidden = 512).
#include <torch/torch.h>

class EncoderImpl : public torch::nn::Module {
 public:
  explicit EncoderImpl(int64_t hidden = 512, int64_t in_features = 16, int64_t out_features = 8) {
    input = register_module("input", torch::nn::Linear(in_features, hidden));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({hidden})));
    output = register_module("output", torch::nn::Linear(hidden, out_features));
  }

  torch::Tensor forward(torch::Tensor x) { return output(torch::gelu(norm(input(x)))); }

 private:
  torch::nn::Linear input{nullptr};
  torch::nn::LayerNorm norm{nullptr};
  torch::nn::Linear output{nullptr};
};
TORCH_MODULE(Encoder);
