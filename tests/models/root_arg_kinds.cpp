// Exercises: root constructor parameters of several kinds: std::vector shape, std::string used as a registered name, bool flag, double rate.
#include <torch/torch.h>

struct ConfigurableHeadImpl : torch::nn::Module {
  ConfigurableHeadImpl(std::vector<int64_t> normalized_shape, const std::string& head_name, bool use_bias, double dropout_rate,
                       int64_t num_outputs = 5) {
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions(normalized_shape)));
    dropout = register_module("dropout", torch::nn::Dropout(dropout_rate));
    head = register_module(head_name, torch::nn::Linear(
                                          torch::nn::LinearOptions(normalized_shape.back(), num_outputs).bias(use_bias)));
    aux = register_module("aux", torch::nn::Linear(torch::nn::LinearOptions(normalized_shape[0], 1).bias(!use_bias)));
  }

  torch::nn::LayerNorm norm{nullptr};
  torch::nn::Dropout dropout{nullptr};
  torch::nn::Linear head{nullptr};
  torch::nn::Linear aux{nullptr};
};
TORCH_MODULE(ConfigurableHead);
