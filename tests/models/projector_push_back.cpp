// Exercises: a SimCLR-style projection head grown by projector->push_back(): modules from a helper returning torch::nn::AnyModule (chosen by a string root arg), from a lambda returning a holder, from a lambda that itself pushes a block, then more push_backs, so the numbering continues (projector.4, not projector.1); the Sequential is registered before it is filled.
#include <torch/torch.h>

torch::nn::AnyModule make_activation(const std::string& name) {
  if (name == "gelu") return torch::nn::AnyModule(torch::nn::GELU());
  if (name == "silu") return torch::nn::AnyModule(torch::nn::SiLU());
  return torch::nn::AnyModule(torch::nn::ReLU(torch::nn::ReLUOptions(true)));
}

struct ProjectionHeadImpl : torch::nn::Module {
  ProjectionHeadImpl(int64_t in_dim, int64_t hidden_dim, int64_t out_dim, const std::string& activation = "relu",
                     int64_t num_layers = 3) {
    projector = register_module("projector", torch::nn::Sequential());

    auto linear = [](int64_t in, int64_t out, bool bias = true) {
      return torch::nn::Linear(torch::nn::LinearOptions(in, out).bias(bias));
    };
    auto add_block = [&](int64_t in, int64_t out) {
      projector->push_back(linear(in, out, /*bias=*/false));
      projector->push_back(torch::nn::BatchNorm1d(out));
      projector->push_back(make_activation(activation));
    };

    add_block(in_dim, hidden_dim);                       // projector.0 .. projector.2
    for (int64_t i = 2; i < num_layers; ++i) {
      add_block(hidden_dim, hidden_dim);                 // projector.3 .. projector.5
    }
    projector->push_back(linear(hidden_dim, out_dim));   // projector.6
    projector->push_back(torch::nn::BatchNorm1d(torch::nn::BatchNorm1dOptions(out_dim).affine(false)));

    predictor = register_module("predictor", torch::nn::Sequential());
    predictor->push_back(linear(out_dim, hidden_dim));
    predictor->push_back(make_activation(activation));
    predictor->push_back(torch::nn::Dropout(0.1));
    predictor->push_back(linear(hidden_dim, out_dim));
  }

  torch::Tensor forward(torch::Tensor x) { return predictor->forward(projector->forward(x)); }

  torch::nn::Sequential projector{nullptr}, predictor{nullptr};
};
TORCH_MODULE(ProjectionHead);
