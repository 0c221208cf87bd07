// A classifier whose widths come from a config struct's defaults (config_net_options.h).
#include "config_net_options.h"

struct ConfigNetImpl : torch::nn::Module {
  explicit ConfigNetImpl(const ConfigNetOptions& cfg = ConfigNetOptions{}) {
    stem = register_module("stem", torch::nn::Linear(cfg.in_features, cfg.base_width));
    if (cfg.use_norm)
      norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({cfg.base_width})));
    head = register_module("head", torch::nn::Linear(cfg.base_width, cfg.num_classes));
  }

  torch::Tensor forward(torch::Tensor x) { return head(torch::relu(norm ? norm(stem(x)) : stem(x))); }

  torch::nn::Linear stem{nullptr}, head{nullptr};
  torch::nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(ConfigNet);
