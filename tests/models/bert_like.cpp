// Exercises: HF-style BERT: a BertConfig struct (defaults of bert-base) overridden field by field in a helper that is the root's default argument, the config passed by const reference to every submodule, int64 buffers from arange().expand() and zeros(other.sizes(), kLong), encoder layers in a ModuleList named "layer", members named "LayerNorm" and "self", an optional pooler.
#include <torch/torch.h>

struct BertConfig {
  int64_t vocab_size = 30522;
  int64_t hidden_size = 768;
  int64_t num_hidden_layers = 12;
  int64_t num_attention_heads = 12;
  int64_t intermediate_size = 3072;
  int64_t max_position_embeddings = 512;
  int64_t type_vocab_size = 2;
  double layer_norm_eps = 1e-12;
  double hidden_dropout_prob = 0.1;
  double attention_probs_dropout_prob = 0.1;
  int64_t pad_token_id = 0;
};

// google/bert_uncased_L-2_H-128_A-2 ("bert-tiny")
inline BertConfig bert_tiny_config() {
  BertConfig config;
  config.hidden_size = 128;
  config.num_hidden_layers = 2;
  config.num_attention_heads = 2;
  config.intermediate_size = 512;
  return config;
}

struct BertEmbeddingsImpl : torch::nn::Module {
  explicit BertEmbeddingsImpl(const BertConfig& config) {
    word_embeddings = register_module(
        "word_embeddings",
        torch::nn::Embedding(torch::nn::EmbeddingOptions(config.vocab_size, config.hidden_size).padding_idx(config.pad_token_id)));
    position_embeddings = register_module("position_embeddings",
                                          torch::nn::Embedding(config.max_position_embeddings, config.hidden_size));
    token_type_embeddings = register_module("token_type_embeddings",
                                            torch::nn::Embedding(config.type_vocab_size, config.hidden_size));
    LayerNorm = register_module(
        "LayerNorm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({config.hidden_size}).eps(config.layer_norm_eps)));
    dropout = register_module("dropout", torch::nn::Dropout(config.hidden_dropout_prob));
    position_ids = register_buffer("position_ids", torch::arange(config.max_position_embeddings).expand({1, -1}));
    token_type_ids = register_buffer("token_type_ids", torch::zeros(position_ids.sizes(), torch::kLong));
  }

  torch::Tensor forward(const torch::Tensor& input_ids, torch::Tensor token_type = {}) {
    const auto seq_length = input_ids.size(1);
    auto positions = position_ids.slice(1, 0, seq_length);
    if (!token_type.defined()) token_type = token_type_ids.slice(1, 0, seq_length).expand_as(input_ids);
    auto embeddings = word_embeddings(input_ids) + token_type_embeddings(token_type) + position_embeddings(positions);
    return dropout(LayerNorm(embeddings));
  }

  torch::nn::Embedding word_embeddings{nullptr}, position_embeddings{nullptr}, token_type_embeddings{nullptr};
  torch::nn::LayerNorm LayerNorm{nullptr};
  torch::nn::Dropout dropout{nullptr};
  torch::Tensor position_ids, token_type_ids;
};
TORCH_MODULE(BertEmbeddings);

struct BertSelfAttentionImpl : torch::nn::Module {
  explicit BertSelfAttentionImpl(const BertConfig& config)
      : num_attention_heads(config.num_attention_heads),
        attention_head_size(config.hidden_size / config.num_attention_heads),
        all_head_size(num_attention_heads * attention_head_size) {
    TORCH_CHECK(config.hidden_size % config.num_attention_heads == 0,
                "The hidden size is not a multiple of the number of attention heads");
    query = register_module("query", torch::nn::Linear(config.hidden_size, all_head_size));
    key = register_module("key", torch::nn::Linear(config.hidden_size, all_head_size));
    value = register_module("value", torch::nn::Linear(config.hidden_size, all_head_size));
    dropout = register_module("dropout", torch::nn::Dropout(config.attention_probs_dropout_prob));
  }

  torch::Tensor transpose_for_scores(const torch::Tensor& x) {
    return x.view({x.size(0), x.size(1), num_attention_heads, attention_head_size}).permute({0, 2, 1, 3});
  }

  torch::Tensor forward(const torch::Tensor& hidden_states, const torch::Tensor& attention_mask) {
    auto q = transpose_for_scores(query(hidden_states));
    auto k = transpose_for_scores(key(hidden_states));
    auto v = transpose_for_scores(value(hidden_states));
    auto scores = torch::matmul(q, k.transpose(-1, -2)) / std::sqrt(static_cast<double>(attention_head_size));
    if (attention_mask.defined()) scores = scores + attention_mask;
    auto probs = dropout(torch::softmax(scores, -1));
    auto context = torch::matmul(probs, v).permute({0, 2, 1, 3}).contiguous();
    return context.view({context.size(0), context.size(1), all_head_size});
  }

  int64_t num_attention_heads, attention_head_size, all_head_size;
  torch::nn::Linear query{nullptr}, key{nullptr}, value{nullptr};
  torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(BertSelfAttention);

// Dense + dropout + residual LayerNorm: BertSelfOutput (hidden -> hidden) and BertOutput (intermediate -> hidden).
struct BertResidualOutputImpl : torch::nn::Module {
  BertResidualOutputImpl(const BertConfig& config, int64_t input_size) {
    dense = register_module("dense", torch::nn::Linear(input_size, config.hidden_size));
    LayerNorm = register_module(
        "LayerNorm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({config.hidden_size}).eps(config.layer_norm_eps)));
    dropout = register_module("dropout", torch::nn::Dropout(config.hidden_dropout_prob));
  }

  torch::Tensor forward(const torch::Tensor& hidden_states, const torch::Tensor& input_tensor) {
    return LayerNorm(dropout(dense(hidden_states)) + input_tensor);
  }

  torch::nn::Linear dense{nullptr};
  torch::nn::LayerNorm LayerNorm{nullptr};
  torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(BertResidualOutput);

struct BertAttentionImpl : torch::nn::Module {
  explicit BertAttentionImpl(const BertConfig& config)
      : self(config), output(config, config.hidden_size) {
    register_module("self", self);
    register_module("output", output);
  }

  torch::Tensor forward(const torch::Tensor& hidden_states, const torch::Tensor& attention_mask) {
    return output(self(hidden_states, attention_mask), hidden_states);
  }

  BertSelfAttention self;
  BertResidualOutput output;
};
TORCH_MODULE(BertAttention);

struct BertIntermediateImpl : torch::nn::Module {
  explicit BertIntermediateImpl(const BertConfig& config) {
    dense = register_module("dense", torch::nn::Linear(config.hidden_size, config.intermediate_size));
  }
  torch::Tensor forward(const torch::Tensor& x) { return torch::gelu(dense(x)); }
  torch::nn::Linear dense{nullptr};
};
TORCH_MODULE(BertIntermediate);

struct BertLayerImpl : torch::nn::Module {
  explicit BertLayerImpl(const BertConfig& config) {
    attention = register_module("attention", BertAttention(config));
    intermediate = register_module("intermediate", BertIntermediate(config));
    output = register_module("output", BertResidualOutput(config, config.intermediate_size));
  }

  torch::Tensor forward(const torch::Tensor& hidden_states, const torch::Tensor& attention_mask) {
    auto attention_output = attention(hidden_states, attention_mask);
    return output(intermediate(attention_output), attention_output);
  }

  BertAttention attention{nullptr};
  BertIntermediate intermediate{nullptr};
  BertResidualOutput output{nullptr};
};
TORCH_MODULE(BertLayer);

struct BertEncoderImpl : torch::nn::Module {
  explicit BertEncoderImpl(const BertConfig& config) {
    for (int64_t i = 0; i < config.num_hidden_layers; ++i) layer->push_back(BertLayer(config));
    register_module("layer", layer);
  }

  torch::Tensor forward(torch::Tensor hidden_states, const torch::Tensor& attention_mask) {
    for (size_t i = 0; i < layer->size(); ++i)
      hidden_states = layer->ptr<BertLayerImpl>(i)->forward(hidden_states, attention_mask);
    return hidden_states;
  }

  torch::nn::ModuleList layer;
};
TORCH_MODULE(BertEncoder);

struct BertPoolerImpl : torch::nn::Module {
  explicit BertPoolerImpl(const BertConfig& config) {
    dense = register_module("dense", torch::nn::Linear(config.hidden_size, config.hidden_size));
    activation = register_module("activation", torch::nn::Tanh());
  }
  torch::Tensor forward(const torch::Tensor& hidden_states) { return activation(dense(hidden_states.select(1, 0))); }
  torch::nn::Linear dense{nullptr};
  torch::nn::Tanh activation{nullptr};
};
TORCH_MODULE(BertPooler);

struct BertModelImpl : torch::nn::Module {
  explicit BertModelImpl(const BertConfig& config, bool add_pooling_layer = true) {
    embeddings = register_module("embeddings", BertEmbeddings(config));
    encoder = register_module("encoder", BertEncoder(config));
    if (add_pooling_layer) pooler = register_module("pooler", BertPooler(config));
  }

  std::tuple<torch::Tensor, torch::Tensor> forward(const torch::Tensor& input_ids, const torch::Tensor& attention_mask) {
    // [B, S] of 1/0 -> additive mask [B, 1, 1, S]
    auto extended = (1.0 - attention_mask.unsqueeze(1).unsqueeze(2).to(torch::kFloat)) * -10000.0;
    auto sequence_output = encoder(embeddings(input_ids), extended);
    auto pooled = pooler ? pooler(sequence_output) : torch::Tensor();
    return std::make_tuple(sequence_output, pooled);
  }

  BertEmbeddings embeddings{nullptr};
  BertEncoder encoder{nullptr};
  BertPooler pooler{nullptr};
};
TORCH_MODULE(BertModel);

struct BertForSequenceClassificationImpl : torch::nn::Module {
  explicit BertForSequenceClassificationImpl(int64_t num_labels, const BertConfig& config = bert_tiny_config())
      : bert(config), dropout(config.hidden_dropout_prob), classifier(config.hidden_size, num_labels) {
    register_module("bert", bert);
    register_module("dropout", dropout);
    register_module("classifier", classifier);
  }

  torch::Tensor forward(const torch::Tensor& input_ids, const torch::Tensor& attention_mask) {
    auto pooled = std::get<1>(bert(input_ids, attention_mask));
    return classifier(dropout(pooled));
  }

  BertModel bert;
  torch::nn::Dropout dropout;
  torch::nn::Linear classifier;
};
TORCH_MODULE(BertForSequenceClassification);
