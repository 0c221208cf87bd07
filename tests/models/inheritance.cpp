// Exercises: a custom module deriving from another custom module (base registrations come first), and a base with constructor arguments.
#include <torch/torch.h>

struct EncoderBaseImpl : torch::nn::Module {
  EncoderBaseImpl(int64_t in_dim, int64_t hidden_dim) {
    input_proj = register_module("input_proj", torch::nn::Linear(in_dim, hidden_dim));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({hidden_dim})));
  }

  torch::nn::Linear input_proj{nullptr};
  torch::nn::LayerNorm norm{nullptr};
};

struct ClassifierEncoderImpl : EncoderBaseImpl {
  ClassifierEncoderImpl(int64_t in_dim, int64_t hidden_dim, int64_t num_classes)
      : EncoderBaseImpl(in_dim, hidden_dim) {
    head = register_module("head", torch::nn::Linear(hidden_dim, num_classes));
    cls_token = register_parameter("cls_token", torch::zeros({1, 1, hidden_dim}));
  }

  torch::nn::Linear head{nullptr};
  torch::Tensor cls_token;
};

struct DistilledEncoderImpl : ClassifierEncoderImpl {
  explicit DistilledEncoderImpl(int64_t num_classes) : ClassifierEncoderImpl(48, 96, num_classes) {
    dist_head = register_module("dist_head", torch::nn::Linear(96, num_classes));
    dist_token = register_parameter("dist_token", torch::zeros({1, 1, 96}));
  }

  torch::nn::Linear dist_head{nullptr};
  torch::Tensor dist_token;
};
TORCH_MODULE(DistilledEncoder);
