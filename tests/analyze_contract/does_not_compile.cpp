// A model with a syntax error in one statement: the error is reported with its
// place, and what the other statements register is still reported.
#include <torch/torch.h>

struct BrokenImpl : torch::nn::Module {
  BrokenImpl() {
    fc1 = register_module("fc1", torch::nn::Linear(4, 8));
    fc2 = register_module("fc2", torch::nn::Linear(8, 2);
    register_buffer("steps", torch::zeros({1}, torch::kInt64));
  }
  torch::nn::Linear fc1{nullptr}, fc2{nullptr};
};
