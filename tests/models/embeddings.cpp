// Exercises: Embedding with padding_idx and max_norm, EmbeddingBag (sum/max modes), root parameters feeding the sizes.
#include <torch/torch.h>

struct BagOfWordsImpl : torch::nn::Module {
  BagOfWordsImpl(int64_t vocab_size, int64_t embed_dim, int64_t num_classes) {
    tokens = register_module("tokens", torch::nn::Embedding(
                                           torch::nn::EmbeddingOptions(vocab_size, embed_dim).padding_idx(0)));
    positions = register_module("positions", torch::nn::Embedding(
                                                 torch::nn::EmbeddingOptions(512, embed_dim).max_norm(1.0)));
    bag = register_module("bag", torch::nn::EmbeddingBag(
                                     torch::nn::EmbeddingBagOptions(vocab_size, embed_dim).mode(torch::kSum)));
    char_bag = register_module("char_bag", torch::nn::EmbeddingBag(
                                               torch::nn::EmbeddingBagOptions(256, 16).mode(torch::kMax)));
    fc = register_module("fc", torch::nn::Linear(embed_dim, num_classes));
  }

  torch::nn::Embedding tokens{nullptr}, positions{nullptr};
  torch::nn::EmbeddingBag bag{nullptr}, char_bag{nullptr};
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(BagOfWords);
