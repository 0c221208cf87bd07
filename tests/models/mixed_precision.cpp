// Exercises: Module::to(dtype) inside the constructor: tok_embed->to(torch::kBFloat16) converts one submodule, head->to(torch::kFloat64) a whole custom subtree including BatchNorm's int64 num_batches_tracked and a bool buffer (C++ to() converts every buffer, unlike Python's), a parameter and a buffer registered after the casts keep their own dtypes.
#include <torch/torch.h>

struct RegressionHeadImpl : torch::nn::Module {
  explicit RegressionHeadImpl(int64_t dim) {
    fc1 = register_module("fc1", torch::nn::Linear(dim, dim / 2));
    bn = register_module("bn", torch::nn::BatchNorm1d(dim / 2));
    fc2 = register_module("fc2", torch::nn::Linear(dim / 2, 1));
    valid = register_buffer("valid", torch::ones({dim / 2}, torch::kBool));
  }

  torch::Tensor forward(torch::Tensor x) { return fc2(torch::relu(bn(fc1(x)))); }

  torch::nn::Linear fc1{nullptr}, fc2{nullptr};
  torch::nn::BatchNorm1d bn{nullptr};
  torch::Tensor valid;
};
TORCH_MODULE(RegressionHead);

struct TinyLMImpl : torch::nn::Module {
  TinyLMImpl(int64_t vocab_size, int64_t dim, int64_t max_len = 128) {
    tok_embed = register_module("tok_embed", torch::nn::Embedding(vocab_size, dim));
    pos_embed = register_parameter("pos_embed", torch::zeros({1, max_len, dim}));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
    head = register_module("head", RegressionHead(dim));

    // The big embedding table is kept in bfloat16; the regression head in double precision.
    tok_embed->to(torch::kBFloat16);
    head->to(torch::kFloat64);

    scale = register_parameter("scale", torch::ones({1}, torch::kFloat16));
    mask = register_buffer("mask", torch::ones({max_len, max_len}, torch::kBool).tril());
  }

  torch::Tensor forward(torch::Tensor ids) {
    auto x = tok_embed(ids).to(torch::kFloat32) + pos_embed.narrow(1, 0, ids.size(1));
    return head(norm(x).mean(1).to(torch::kFloat64));
  }

  torch::nn::Embedding tok_embed{nullptr};
  torch::nn::LayerNorm norm{nullptr};
  RegressionHead head{nullptr};
  torch::Tensor pos_embed, scale, mask;
};
TORCH_MODULE(TinyLM);
