// Exercises: MultiheadAttention with default dims, with kdim/vdim (separate q/k/v projections), with add_bias_kv and bias(false).
#include <torch/torch.h>

struct CrossAttentionImpl : torch::nn::Module {
  CrossAttentionImpl(int64_t embed_dim, int64_t num_heads) {
    self_attn = register_module("self_attn", torch::nn::MultiheadAttention(embed_dim, num_heads));
    cross_attn = register_module("cross_attn", torch::nn::MultiheadAttention(
                                                   torch::nn::MultiheadAttentionOptions(embed_dim, num_heads).kdim(32).vdim(48)));
    memory_attn = register_module("memory_attn", torch::nn::MultiheadAttention(
                                                     torch::nn::MultiheadAttentionOptions(embed_dim, 2).add_bias_kv(true).bias(false)));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({embed_dim})));
  }

  torch::nn::MultiheadAttention self_attn{nullptr}, cross_attn{nullptr}, memory_attn{nullptr};
  torch::nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(CrossAttention);
