// config_net.cpp as it was when its checkpoint was saved: base_width was 16
// and there were 7 classes (kNumClasses = 7).
#include <torch/torch.h>

constexpr int64_t kNumClasses = 7;

struct ConfigNetOptions {
  int64_t in_features = 24;
  int64_t base_width = 16;
  int64_t num_classes = kNumClasses;
  bool use_norm = true;
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
