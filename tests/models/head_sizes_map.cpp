// Exercises: per-head output sizes in a std::map<std::string, int64_t> default root argument: range-for with .first/.second registers one head per task in the map's sorted key order (not the written order), an iterator loop with ->first/->second, .at() sizing other layers, count() guarding an optional layer, holders kept in a std::map member.
#include <torch/torch.h>

struct MultiTaskNetImpl : torch::nn::Module {
  MultiTaskNetImpl(int64_t in_features,
                   std::map<std::string, int64_t> head_sizes = {{"species", 37}, {"breed", 120}, {"age", 1}, {"color", 11}},
                   int64_t hidden = 128) {
    trunk = register_module("trunk", torch::nn::Sequential(torch::nn::Linear(in_features, hidden),
                                                           torch::nn::ReLU(),
                                                           torch::nn::Linear(hidden, hidden),
                                                           torch::nn::ReLU()));

    for (const auto& head : head_sizes) {
      heads.emplace(head.first, register_module("head_" + head.first, torch::nn::Linear(hidden, head.second)));
    }

    int64_t total = 0;
    for (auto it = head_sizes.begin(); it != head_sizes.end(); ++it) {
      register_buffer(it->first + "_prior", torch::full({it->second}, 1.0 / it->second));
      total += it->second;
    }

    // Breed must agree with species: a bilinear consistency score between the two heads.
    consistency = register_module(
        "consistency", torch::nn::Bilinear(head_sizes.at("species"), head_sizes.at("breed"), 1));
    fuse = register_module("fuse", torch::nn::Linear(total, hidden));

    if (head_sizes.count("age")) {
      age_scale = register_parameter("age_scale", torch::ones({head_sizes.at("age")}));
    }
  }

  std::map<std::string, torch::Tensor> forward(torch::Tensor x) {
    auto h = trunk->forward(x);
    std::map<std::string, torch::Tensor> out;
    for (auto& head : heads) out[head.first] = head.second(h);
    return out;
  }

  torch::nn::Sequential trunk{nullptr};
  std::map<std::string, torch::nn::Linear> heads;
  torch::nn::Bilinear consistency{nullptr};
  torch::nn::Linear fuse{nullptr};
  torch::Tensor age_scale;
};
TORCH_MODULE(MultiTaskNet);
