// Exercises: `using namespace torch;` style (nn::Embedding, nn::LSTMOptions), embedding -> LSTM -> Linear from root parameters.
#include <torch/torch.h>

using namespace torch;

struct CharRNNImpl : nn::Module {
  CharRNNImpl(int64_t vocab_size, int64_t embed_size, int64_t hidden_size, int64_t num_layers)
      : embedding(nn::Embedding(vocab_size, embed_size)),
        lstm(nn::LSTM(nn::LSTMOptions(embed_size, hidden_size).num_layers(num_layers).batch_first(true))),
        linear(nn::Linear(hidden_size, vocab_size)) {
    register_module("embedding", embedding);
    register_module("lstm", lstm);
    register_module("linear", linear);
  }

  Tensor forward(Tensor x) {
    auto out = std::get<0>(lstm->forward(embedding->forward(x)));
    return linear->forward(out);
  }

  nn::Embedding embedding;
  nn::LSTM lstm;
  nn::Linear linear;
};
TORCH_MODULE(CharRNN);
