// Exercises: branches on integer constructor arguments (taken one way when the arguments are
// known, recorded as conditional entries when they are symbols), && and !, a custom module and a
// layer registered inside a branch, an else branch, a local computed in a branch.
#include <torch/torch.h>

struct ProjectionImpl : torch::nn::Module {
  ProjectionImpl(int64_t in, int64_t out) {
    weight = register_parameter("weight", torch::randn({out, in}));
  }
  torch::Tensor weight;
};
TORCH_MODULE(Projection);

struct ConditionalHeadsImpl : torch::nn::Module {
  ConditionalHeadsImpl(int64_t hidden, int64_t num_classes) {
    backbone = register_module("backbone", torch::nn::Linear(32, hidden));
    if (hidden > 64) {
      int64_t bottleneck = hidden / 4;
      down = register_module("down", Projection(hidden, bottleneck));
    }
    if (num_classes == 2) {
      head = register_module("binary_head", torch::nn::Linear(hidden, 1));
    } else {
      head = register_module("multi_head", torch::nn::Linear(hidden, num_classes));
    }
    if (hidden >= 32 && !(num_classes > 100)) register_buffer("class_prior", torch::zeros({num_classes}));
  }
  torch::nn::Linear backbone{nullptr}, head{nullptr};
  Projection down{nullptr};
};
TORCH_MODULE(ConditionalHeads);
