// Exercises: Sequential with named entries (NamedAnyModule braced list, OrderedDict), named push_back, unnamed push_back after names, custom module inside a Sequential.
#include <torch/torch.h>

// A Sequential cannot hold another Sequential (no concrete forward), so blocks get their own module.
struct MlpBlockImpl : torch::nn::Module {
  explicit MlpBlockImpl(int64_t dim) {
    fc = register_module("fc", torch::nn::Linear(dim, dim));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
  }

  torch::Tensor forward(torch::Tensor x) { return norm(torch::relu(fc(x))) + x; }

  torch::nn::Linear fc{nullptr};
  torch::nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(MlpBlock);

struct NamedSeqImpl : torch::nn::Module {
  NamedSeqImpl() {
    stem = register_module("stem", torch::nn::Sequential({
                                       {"conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 32, 3).bias(false))},
                                       {"bn", torch::nn::BatchNorm2d(32)},
                                       {"relu", torch::nn::ReLU()},
                                   }));
    // An unnamed push_back after named entries is keyed by its position.
    stem->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(32, 32, 1)));
    stem->push_back("post_bn", torch::nn::BatchNorm2d(32));

    torch::OrderedDict<std::string, torch::nn::AnyModule> layers;
    layers.insert("fc1", torch::nn::AnyModule(torch::nn::Linear(32, 64)));
    layers.insert("act", torch::nn::AnyModule(torch::nn::GELU()));
    layers.insert("fc2", torch::nn::AnyModule(torch::nn::Linear(64, 16)));
    head = register_module("head", torch::nn::Sequential(std::move(layers)));

    nested = register_module("nested", torch::nn::Sequential(MlpBlock(16), torch::nn::Linear(16, 4)));
  }

  torch::nn::Sequential stem{nullptr};
  torch::nn::Sequential head{nullptr};
  torch::nn::Sequential nested{nullptr};
};
TORCH_MODULE(NamedSeq);
