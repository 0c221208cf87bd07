// Exercises: `namespace nn = torch::nn;` alias, a Bahdanau-style decoder (GRU + attention Linears + v parameter) inside an encoder-decoder.
#include <torch/torch.h>

namespace nn = torch::nn;

struct EncoderRNNImpl : nn::Module {
  EncoderRNNImpl(int64_t input_size, int64_t hidden_size) {
    embedding = register_module("embedding", nn::Embedding(input_size, hidden_size));
    gru = register_module("gru", nn::GRU(nn::GRUOptions(hidden_size, hidden_size).bidirectional(true)));
  }

  nn::Embedding embedding{nullptr};
  nn::GRU gru{nullptr};
};
TORCH_MODULE(EncoderRNN);

struct AttnDecoderRNNImpl : nn::Module {
  AttnDecoderRNNImpl(int64_t hidden_size, int64_t output_size, double dropout_p = 0.1) {
    embedding = register_module("embedding", nn::Embedding(output_size, hidden_size));
    attn_w = register_module("attn_w", nn::Linear(3 * hidden_size, hidden_size));
    attn_v = register_parameter("attn_v", torch::rand({hidden_size}));
    dropout = register_module("dropout", nn::Dropout(dropout_p));
    gru = register_module("gru", nn::GRU(3 * hidden_size, hidden_size));
    out = register_module("out", nn::Linear(hidden_size, output_size));
  }

  nn::Embedding embedding{nullptr};
  nn::Linear attn_w{nullptr};
  torch::Tensor attn_v;
  nn::Dropout dropout{nullptr};
  nn::GRU gru{nullptr};
  nn::Linear out{nullptr};
};
TORCH_MODULE(AttnDecoderRNN);

struct Seq2SeqImpl : nn::Module {
  Seq2SeqImpl(int64_t src_vocab, int64_t tgt_vocab, int64_t hidden_size)
      : encoder(src_vocab, hidden_size), decoder(hidden_size, tgt_vocab) {
    register_module("encoder", encoder);
    register_module("decoder", decoder);
  }

  EncoderRNN encoder;
  AttnDecoderRNN decoder;
};
TORCH_MODULE(Seq2Seq);
