// config_net.cpp as it was when its checkpoint was saved: the same widths,
// but use_norm defaulted to false, so the archive has no 'norm' submodule.
#include <torch/torch.h>

constexpr int64_t kNumClasses = 10;

struct ConfigNetOptions {
  int64_t in_features = 24;
  int64_t base_width = 32;
  int64_t num_classes = kNumClasses;
  bool use_norm = false;
};

struct ConfigNetImpl : torch::nn::Module {
  explicit ConfigNetImpl(const ConfigNetOptions& cfg = ConfigNetOptions{}) {
    stem = register_module("stem", torch::nn::Linear(cfg.in_features, cfg.base_width));
    if (cfg.use_norm)
      norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({cfg.base_width})));
    head = register_module("head", torch::nn::Linear(cfg.base_width, cfg.num_classes));
  }

  torch::nn::Linear stem{nullptr}, head{nullptr};
  torch::nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(ConfigNet);
