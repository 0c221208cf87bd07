// Exercises: a root built from a configuration struct passed by value (fields with defaults), a bidirectional multi-layer GRU encoder with an encoder-to-decoder bridge, Bahdanau attention (W_a, U_a, v_a Linears), a decoder GRU whose input is emb + 2*hidden context.
#include <torch/torch.h>

struct Seq2SeqConfig {
  int64_t src_vocab_size;
  int64_t tgt_vocab_size;
  int64_t embed_dim;
  int64_t hidden_size;
  int64_t num_layers;
  double dropout = 0.2;
  int64_t pad_idx = 0;
};

class EncoderImpl : public torch::nn::Module {
 public:
  EncoderImpl(int64_t vocab_size, int64_t embed_dim, int64_t hidden_size, int64_t num_layers, double dropout, int64_t pad_idx)
      : embedding(torch::nn::EmbeddingOptions(vocab_size, embed_dim).padding_idx(pad_idx)),
        rnn(torch::nn::GRUOptions(embed_dim, hidden_size)
                .num_layers(num_layers)
                .bidirectional(true)
                .batch_first(true)
                .dropout(num_layers > 1 ? dropout : 0.0)),
        bridge(2 * hidden_size, hidden_size),
        drop(dropout),
        num_layers_(num_layers) {
    register_module("embedding", embedding);
    register_module("rnn", rnn);
    register_module("bridge", bridge);
    register_module("dropout", drop);
  }

  // outputs: [B, S, 2H]; hidden: [num_layers, B, H] to start the decoder.
  std::tuple<torch::Tensor, torch::Tensor> forward(const torch::Tensor& src) {
    auto embedded = drop(embedding(src));
    auto result = rnn(embedded);
    auto outputs = std::get<0>(result);
    auto hidden = std::get<1>(result).view({num_layers_, 2, src.size(0), -1});
    auto last = torch::cat({hidden[-1][0], hidden[-1][1]}, 1);
    auto init = torch::tanh(bridge(last)).unsqueeze(0).repeat({num_layers_, 1, 1});
    return std::make_tuple(outputs, init);
  }

  torch::nn::Embedding embedding;
  torch::nn::GRU rnn;
  torch::nn::Linear bridge;
  torch::nn::Dropout drop;
  int64_t num_layers_;
};
TORCH_MODULE(Encoder);

class BahdanauAttentionImpl : public torch::nn::Module {
 public:
  BahdanauAttentionImpl(int64_t enc_hidden_size, int64_t dec_hidden_size) {
    W_a = register_module("W_a", torch::nn::Linear(torch::nn::LinearOptions(dec_hidden_size, dec_hidden_size).bias(false)));
    U_a = register_module("U_a", torch::nn::Linear(2 * enc_hidden_size, dec_hidden_size));
    v_a = register_module("v_a", torch::nn::Linear(torch::nn::LinearOptions(dec_hidden_size, 1).bias(false)));
  }

  // query: [B, H]; keys: [B, S, 2H] -> context [B, 2H], weights [B, S]
  std::tuple<torch::Tensor, torch::Tensor> forward(const torch::Tensor& query, const torch::Tensor& keys) {
    auto scores = v_a(torch::tanh(W_a(query).unsqueeze(1) + U_a(keys))).squeeze(2);
    auto weights = torch::softmax(scores, /*dim=*/1);
    auto context = torch::bmm(weights.unsqueeze(1), keys).squeeze(1);
    return std::make_tuple(context, weights);
  }

  torch::nn::Linear W_a{nullptr}, U_a{nullptr}, v_a{nullptr};
};
TORCH_MODULE(BahdanauAttention);

class DecoderImpl : public torch::nn::Module {
 public:
  DecoderImpl(int64_t vocab_size, int64_t embed_dim, int64_t hidden_size, int64_t num_layers, double dropout) {
    embedding = register_module("embedding", torch::nn::Embedding(vocab_size, embed_dim));
    attention = register_module("attention", BahdanauAttention(hidden_size, hidden_size));
    rnn = register_module("rnn", torch::nn::GRU(torch::nn::GRUOptions(embed_dim + 2 * hidden_size, hidden_size)
                                                    .num_layers(num_layers)
                                                    .batch_first(true)
                                                    .dropout(num_layers > 1 ? dropout : 0.0)));
    fc_out = register_module("fc_out", torch::nn::Linear(hidden_size + 2 * hidden_size + embed_dim, vocab_size));
    drop = register_module("dropout", torch::nn::Dropout(dropout));
  }

  // One step: input [B], hidden [L, B, H], encoder_outputs [B, S, 2H].
  std::tuple<torch::Tensor, torch::Tensor> forward(const torch::Tensor& input, const torch::Tensor& hidden,
                                                   const torch::Tensor& encoder_outputs) {
    auto embedded = drop(embedding(input.unsqueeze(1)));
    auto context = std::get<0>(attention(hidden[-1], encoder_outputs));
    auto rnn_input = torch::cat({embedded, context.unsqueeze(1)}, 2);
    auto result = rnn(rnn_input, hidden);
    auto output = std::get<0>(result).squeeze(1);
    auto prediction = fc_out(torch::cat({output, context, embedded.squeeze(1)}, 1));
    return std::make_tuple(prediction, std::get<1>(result));
  }

  torch::nn::Embedding embedding{nullptr};
  BahdanauAttention attention{nullptr};
  torch::nn::GRU rnn{nullptr};
  torch::nn::Linear fc_out{nullptr};
  torch::nn::Dropout drop{nullptr};
};
TORCH_MODULE(Decoder);

class Seq2SeqImpl : public torch::nn::Module {
 public:
  explicit Seq2SeqImpl(Seq2SeqConfig cfg) : config_(cfg) {
    encoder = register_module("encoder", Encoder(cfg.src_vocab_size, cfg.embed_dim, cfg.hidden_size, cfg.num_layers,
                                                 cfg.dropout, cfg.pad_idx));
    decoder = register_module("decoder", Decoder(cfg.tgt_vocab_size, cfg.embed_dim, cfg.hidden_size, cfg.num_layers,
                                                 cfg.dropout));
  }

  // Teacher forcing over the whole target: src [B, S], tgt [B, T] -> logits [B, T, V]
  torch::Tensor forward(const torch::Tensor& src, const torch::Tensor& tgt) {
    auto enc = encoder(src);
    auto encoder_outputs = std::get<0>(enc);
    auto hidden = std::get<1>(enc);
    std::vector<torch::Tensor> steps;
    for (int64_t t = 0; t < tgt.size(1); ++t) {
      auto step = decoder(tgt.select(1, t), hidden, encoder_outputs);
      steps.push_back(std::get<0>(step));
      hidden = std::get<1>(step);
    }
    return torch::stack(steps, 1);
  }

  Seq2SeqConfig config_;
  Encoder encoder{nullptr};
  Decoder decoder{nullptr};
};
TORCH_MODULE(Seq2Seq);
