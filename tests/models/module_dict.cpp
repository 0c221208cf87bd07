// Exercises: ModuleDict from a vector of pairs and from an OrderedDict, update() with an existing key; insertion order is kept (not sorted).
#include <torch/torch.h>

struct MultiTaskHeadsImpl : torch::nn::Module {
  explicit MultiTaskHeadsImpl(int64_t feature_dim) {
    backbone = register_module("backbone", torch::nn::Linear(64, feature_dim));

    std::vector<std::pair<std::string, std::shared_ptr<torch::nn::Module>>> task_heads = {
        {"sentiment", std::make_shared<torch::nn::LinearImpl>(feature_dim, 3)},
        {"topic", std::make_shared<torch::nn::LinearImpl>(feature_dim, 20)},
        {"act", std::make_shared<torch::nn::ReLUImpl>()},
        {"language", std::make_shared<torch::nn::LinearImpl>(feature_dim, 7)},
    };
    heads = register_module("heads", torch::nn::ModuleDict(task_heads));

    torch::OrderedDict<std::string, std::shared_ptr<torch::nn::Module>> extra;
    extra.insert("zeta", std::make_shared<torch::nn::LinearImpl>(feature_dim, 1));
    extra.insert("alpha", std::make_shared<torch::nn::BatchNorm1dImpl>(feature_dim));
    extras = register_module("extras", torch::nn::ModuleDict(extra));

    // Replaces "topic" in place (keeps its position) and appends "emotion".
    heads->update(std::vector<std::pair<std::string, std::shared_ptr<torch::nn::Module>>>{
        {"topic", std::make_shared<torch::nn::LinearImpl>(feature_dim, 50)},
        {"emotion", std::make_shared<torch::nn::LinearImpl>(feature_dim, 6)},
    });
  }

  torch::nn::Linear backbone{nullptr};
  torch::nn::ModuleDict heads{nullptr};
  torch::nn::ModuleDict extras{nullptr};
};
TORCH_MODULE(MultiTaskHeads);
