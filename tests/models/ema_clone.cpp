// Exercises: BYOL-style EMA copies: online->clone() cast back with std::dynamic_pointer_cast<EncoderImpl> and registered as a second subtree (a Cloneable whose reset() registers a named Sequential), a clone of a built-in Linear, a clone of a named Sequential, requires_grad turned off on the copies.
#include <torch/torch.h>

struct EncoderImpl : torch::nn::Cloneable<EncoderImpl> {
  EncoderImpl(int64_t in_features, int64_t hidden, int64_t out_features)
      : in_features(in_features), hidden(hidden), out_features(out_features) {
    reset();
  }

  void reset() override {
    stem = register_module("stem", torch::nn::Sequential({
                                       {"fc", torch::nn::Linear(in_features, hidden)},
                                       {"bn", torch::nn::BatchNorm1d(hidden)},
                                       {"act", torch::nn::ReLU()},
                                   }));
    proj = register_module("proj", torch::nn::Linear(hidden, out_features));
  }

  torch::Tensor forward(torch::Tensor x) { return proj(stem->forward(x)); }

  int64_t in_features, hidden, out_features;
  torch::nn::Sequential stem{nullptr};
  torch::nn::Linear proj{nullptr};
};
TORCH_MODULE(Encoder);

struct BYOLImpl : torch::nn::Module {
  BYOLImpl(int64_t in_features, int64_t hidden = 256, int64_t proj_dim = 64) {
    online = register_module("online", Encoder(in_features, hidden, proj_dim));
    predictor = register_module("predictor", torch::nn::Linear(proj_dim, proj_dim));
    head = register_module("head", torch::nn::Sequential({
                                       {"norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({proj_dim}))},
                                       {"out", torch::nn::Linear(proj_dim, 10)},
                                   }));

    // Momentum (EMA) copies: same structure, updated without gradients.
    target = register_module("target", Encoder(std::dynamic_pointer_cast<EncoderImpl>(online->clone())));
    target_predictor = register_module(
        "target_predictor", std::dynamic_pointer_cast<torch::nn::LinearImpl>(predictor->clone()));
    target_head = register_module("target_head", std::dynamic_pointer_cast<torch::nn::SequentialImpl>(head->clone()));
    for (auto& p : target->parameters()) p.set_requires_grad(false);
    for (auto& p : target_predictor->parameters()) p.set_requires_grad(false);
  }

  void update_target(double tau) {
    torch::NoGradGuard no_grad;
    auto online_params = online->parameters();
    auto target_params = target->parameters();
    for (size_t i = 0; i < online_params.size(); ++i) {
      target_params[i].mul_(tau).add_(online_params[i], 1 - tau);
    }
  }

  Encoder online{nullptr}, target{nullptr};
  torch::nn::Linear predictor{nullptr};
  std::shared_ptr<torch::nn::LinearImpl> target_predictor;
  torch::nn::Sequential head{nullptr};
  std::shared_ptr<torch::nn::SequentialImpl> target_head;
};
TORCH_MODULE(BYOL);
