// Exercises: `register_module("fc", fc = torch::nn::Linear(...))` (assignment inside the call) and the same for a parameter.
#include <torch/torch.h>

struct ProjectorImpl : torch::nn::Module {
  explicit ProjectorImpl(int64_t dim) {
    register_module("fc", fc = torch::nn::Linear(dim, 2 * dim));
    register_module("out", out = torch::nn::Linear(torch::nn::LinearOptions(2 * dim, dim).bias(false)));
    register_parameter("temperature", temperature = torch::ones({1}));
  }

  torch::Tensor forward(torch::Tensor x) {
    return out(torch::gelu(fc(x))) / temperature;
  }

  torch::nn::Linear fc{nullptr};
  torch::nn::Linear out{nullptr};
  torch::Tensor temperature;
};
TORCH_MODULE(Projector);
