// Exercises: a physics-informed network kept in double precision: the constructor ends with this->to(torch::kFloat64), converting every parameter and every buffer (also the int64 num_batches_tracked and an int64 step counter); one buffer registered after it keeps its dtype.
#include <torch/torch.h>

struct PinnImpl : torch::nn::Module {
  PinnImpl(int64_t in_dim, int64_t width, int64_t depth, bool use_double = true) {
    layers = register_module("layers", torch::nn::Sequential());
    int64_t d = in_dim;
    for (int64_t i = 0; i < depth; ++i) {
      layers->push_back(torch::nn::Linear(d, width));
      layers->push_back(torch::nn::Tanh());
      d = width;
    }
    input_norm = register_module("input_norm", torch::nn::BatchNorm1d(
                                                   torch::nn::BatchNorm1dOptions(in_dim).affine(false)));
    out = register_module("out", torch::nn::Linear(width, 1));
    log_lambda = register_parameter("log_lambda", torch::zeros({2}));
    step = register_buffer("step", torch::zeros({}, torch::kLong));

    if (use_double) {
      to(torch::kFloat64);
    }
    collocation = register_buffer("collocation", torch::rand({256, in_dim}));
  }

  torch::Tensor forward(torch::Tensor x) {
    return out(layers->forward(input_norm(x)));
  }

  torch::nn::Sequential layers{nullptr};
  torch::nn::BatchNorm1d input_norm{nullptr};
  torch::nn::Linear out{nullptr};
  torch::Tensor log_lambda, step, collocation;
};
TORCH_MODULE(Pinn);
