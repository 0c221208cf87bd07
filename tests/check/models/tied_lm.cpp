// A tiny language model whose output projection shares the embedding matrix (weight tying).
#include <torch/torch.h>

struct TiedLmImpl : torch::nn::Module {
  TiedLmImpl(int64_t vocab_size = 40, int64_t dim = 12) {
    embedding = register_module("embedding", torch::nn::Embedding(vocab_size, dim));
    rnn = register_module("rnn", torch::nn::LSTM(torch::nn::LSTMOptions(dim, dim).batch_first(true)));
    decoder = register_module("decoder", torch::nn::Linear(dim, vocab_size));
    // Tie: the decoder's registered weight now uses the embedding's storage.
    torch::NoGradGuard no_grad;
    decoder->weight.set_(embedding->weight);
  }

  torch::Tensor forward(torch::Tensor tokens) {
    auto hidden = std::get<0>(rnn(embedding(tokens)));
    return decoder(hidden);
  }

  torch::nn::Embedding embedding{nullptr};
  torch::nn::LSTM rnn{nullptr};
  torch::nn::Linear decoder{nullptr};
};
TORCH_MODULE(TiedLm);
