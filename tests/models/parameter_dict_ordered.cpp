// Exercises: ParameterDict from a torch::OrderedDict<std::string, torch::Tensor>: class prototypes filled in a loop (std::to_string keys, a float64 temperature), and EWC-style anchors keyed by another module's named_parameters() (keys with dots, which the OrderedDict constructor accepts where register_parameter would throw); insert() after construction.
#include <torch/torch.h>

struct ProtoNetImpl : torch::nn::Module {
  ProtoNetImpl(int64_t in_features, int64_t embed_dim, int64_t num_classes) {
    backbone = register_module("backbone", torch::nn::Sequential(torch::nn::Linear(in_features, 2 * embed_dim),
                                                                 torch::nn::ReLU(),
                                                                 torch::nn::Linear(2 * embed_dim, embed_dim)));

    torch::OrderedDict<std::string, torch::Tensor> protos;
    for (int64_t c = 0; c < num_classes; ++c) {
      protos.insert("class_" + std::to_string(c), torch::randn({embed_dim}));
    }
    protos.insert("temperature", torch::ones({1}, torch::kFloat64));
    prototypes = register_module("prototypes", torch::nn::ParameterDict(protos));

    // Elastic weight consolidation: the backbone's weights after the previous task, by parameter name.
    torch::OrderedDict<std::string, torch::Tensor> means;
    for (const auto& p : backbone->named_parameters()) {
      means.insert(p.key(), p.value().detach().clone());
    }
    anchors = register_module("anchors", torch::nn::ParameterDict(means));
    anchors->insert("lambda", torch::tensor({100.0}));
  }

  torch::nn::Sequential backbone{nullptr};
  torch::nn::ParameterDict prototypes{nullptr};
  torch::nn::ParameterDict anchors{nullptr};
};
TORCH_MODULE(ProtoNet);
