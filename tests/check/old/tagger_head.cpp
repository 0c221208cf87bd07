// The tagger as it was when its checkpoint was saved: the output layer was called `head`.
#include <torch/torch.h>

struct TaggerImpl : torch::nn::Module {
  TaggerImpl(int64_t vocab_size = 50, int64_t dim = 16, int64_t num_tags = 5) {
    embed = register_module("embed", torch::nn::Embedding(vocab_size, dim));
    encoder = register_module("encoder", torch::nn::GRU(torch::nn::GRUOptions(dim, dim).batch_first(true)));
    head = register_module("head", torch::nn::Linear(dim, num_tags));
  }

  torch::nn::Embedding embed{nullptr};
  torch::nn::GRU encoder{nullptr};
  torch::nn::Linear head{nullptr};
};
TORCH_MODULE(Tagger);
