// A sequence tagger whose output layer is now called `classifier` (it used to be `head`).
#include <torch/torch.h>

struct TaggerImpl : torch::nn::Module {
  TaggerImpl(int64_t vocab_size = 50, int64_t dim = 16, int64_t num_tags = 5) {
    embed = register_module("embed", torch::nn::Embedding(vocab_size, dim));
    encoder = register_module("encoder", torch::nn::GRU(torch::nn::GRUOptions(dim, dim).batch_first(true)));
    classifier = register_module("classifier", torch::nn::Linear(dim, num_tags));
  }

  torch::Tensor forward(torch::Tensor tokens) {
    auto out = std::get<0>(encoder(embed(tokens)));
    return classifier(out);
  }

  torch::nn::Embedding embed{nullptr};
  torch::nn::GRU encoder{nullptr};
  torch::nn::Linear classifier{nullptr};
};
TORCH_MODULE(Tagger);
