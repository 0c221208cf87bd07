// Exercises: a config struct with default member initialisers (a vector field among them) passed by const reference together with an integer argument, built through a factory make_model(num_classes) that starts from the defaults, overrides fields and returns the holder; layers from a range-for over the config's vector.
#include <torch/torch.h>

struct TextCNNConfig {
  int64_t vocab_size = 5000;
  int64_t embed_dim = 64;
  std::vector<int64_t> kernel_sizes = {3, 4, 5};
  int64_t num_filters = 32;
  double dropout = 0.5;
  bool use_highway = false;
};

struct TextCNNImpl : torch::nn::Module {
  TextCNNImpl(const TextCNNConfig& cfg, int64_t num_classes) {
    embedding = register_module("embedding", torch::nn::Embedding(
                                                 torch::nn::EmbeddingOptions(cfg.vocab_size, cfg.embed_dim).padding_idx(0)));
    for (auto k : cfg.kernel_sizes) {
      convs->push_back(torch::nn::Conv1d(torch::nn::Conv1dOptions(cfg.embed_dim, cfg.num_filters, k)));
    }
    register_module("convs", convs);

    const int64_t features = cfg.num_filters * static_cast<int64_t>(cfg.kernel_sizes.size());
    if (cfg.use_highway) {
      highway_gate = register_module("highway_gate", torch::nn::Linear(features, features));
      highway_proj = register_module("highway_proj", torch::nn::Linear(features, features));
    }
    dropout = register_module("dropout", torch::nn::Dropout(cfg.dropout));
    fc = register_module("fc", torch::nn::Linear(features, num_classes));
  }

  torch::nn::Embedding embedding{nullptr};
  torch::nn::ModuleList convs;
  torch::nn::Linear highway_gate{nullptr}, highway_proj{nullptr}, fc{nullptr};
  torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(TextCNN);

TextCNN make_model(int64_t num_classes, bool highway = true) {
  TextCNNConfig cfg;
  cfg.vocab_size = 20000;
  cfg.kernel_sizes = {2, 3, 4, 5};
  cfg.use_highway = highway;
  return TextCNN(cfg, num_classes);
}
