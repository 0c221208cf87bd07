// Exercises: `fc = register_module("fc", torch::nn::Linear(...))`, root constructor parameters, a default argument.
#include <torch/torch.h>

struct MlpImpl : torch::nn::Module {
  MlpImpl(int64_t in_features, int64_t hidden, int64_t num_classes = 10) {
    fc1 = register_module("fc1", torch::nn::Linear(in_features, hidden));
    fc2 = register_module("fc2", torch::nn::Linear(hidden, hidden));
    fc3 = register_module("fc3", torch::nn::Linear(hidden, num_classes));
  }

  torch::Tensor forward(torch::Tensor x) {
    x = torch::relu(fc1->forward(x.view({x.size(0), -1})));
    x = torch::dropout(x, /*p=*/0.5, /*train=*/is_training());
    x = torch::relu(fc2->forward(x));
    return torch::log_softmax(fc3->forward(x), /*dim=*/1);
  }

  torch::nn::Linear fc1{nullptr}, fc2{nullptr}, fc3{nullptr};
};
TORCH_MODULE(Mlp);
