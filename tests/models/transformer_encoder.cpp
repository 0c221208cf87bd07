// Exercises: TransformerEncoderLayer and TransformerEncoder (cloned layers, final norm via AnyModule), options held in a variable.
#include <torch/torch.h>

struct TextEncoderImpl : torch::nn::Module {
  TextEncoderImpl(int64_t vocab_size, int64_t d_model, int64_t num_layers) {
    embed = register_module("embed", torch::nn::Embedding(vocab_size, d_model));
    auto layer_options = torch::nn::TransformerEncoderLayerOptions(d_model, 4).dim_feedforward(256).dropout(0.1);
    encoder = register_module("encoder", torch::nn::TransformerEncoder(
                                             torch::nn::TransformerEncoderOptions(torch::nn::TransformerEncoderLayer(layer_options), num_layers)
                                                 .norm(torch::nn::AnyModule(torch::nn::LayerNorm(torch::nn::LayerNormOptions({d_model}))))));
    extra_layer = register_module("extra_layer", torch::nn::TransformerEncoderLayer(
                                                     torch::nn::TransformerEncoderLayerOptions(d_model, 2).activation(torch::kGELU)));
    lm_head = register_module("lm_head", torch::nn::Linear(d_model, vocab_size));
  }

  torch::nn::Embedding embed{nullptr};
  torch::nn::TransformerEncoder encoder{nullptr};
  torch::nn::TransformerEncoderLayer extra_layer{nullptr};
  torch::nn::Linear lm_head{nullptr};
};
TORCH_MODULE(TextEncoder);
