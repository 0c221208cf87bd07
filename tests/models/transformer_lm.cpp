// Exercises: minGPT/nanoGPT-style LM: a learned position embedding registered as a parameter, a causal-mask buffer from ones().tril().view(), c_attn Linear(d, 3*d), blocks pushed into a ModuleList registered before the `for (int i...)` loop fills it, MLP with 4*d, lm_head bias(false), weight init through apply() and named_parameters() in the constructor.
#include <torch/torch.h>

using torch::indexing::None;
using torch::indexing::Slice;

class CausalSelfAttentionImpl : public torch::nn::Module {
 public:
  CausalSelfAttentionImpl(int64_t n_embd, int64_t n_head, int64_t block_size, double dropout)
      : n_head_(n_head), n_embd_(n_embd) {
    TORCH_CHECK(n_embd % n_head == 0, "n_embd must be divisible by n_head");
    // key, query, value projections for all heads, in a batch
    c_attn = register_module("c_attn", torch::nn::Linear(n_embd, 3 * n_embd));
    c_proj = register_module("c_proj", torch::nn::Linear(n_embd, n_embd));
    attn_dropout = register_module("attn_dropout", torch::nn::Dropout(dropout));
    resid_dropout = register_module("resid_dropout", torch::nn::Dropout(dropout));
    // causal mask to ensure that attention is only applied to the left in the input sequence
    bias = register_buffer("bias", torch::ones({block_size, block_size}).tril().view({1, 1, block_size, block_size}));
  }

  torch::Tensor forward(const torch::Tensor& x) {
    const auto B = x.size(0), T = x.size(1), C = x.size(2);
    auto qkv = c_attn(x).split(n_embd_, /*dim=*/2);
    auto q = qkv[0].view({B, T, n_head_, C / n_head_}).transpose(1, 2);
    auto k = qkv[1].view({B, T, n_head_, C / n_head_}).transpose(1, 2);
    auto v = qkv[2].view({B, T, n_head_, C / n_head_}).transpose(1, 2);
    auto att = torch::matmul(q, k.transpose(-2, -1)) * (1.0 / std::sqrt(static_cast<double>(k.size(-1))));
    att = att.masked_fill(bias.index({Slice(), Slice(), Slice(None, T), Slice(None, T)}) == 0,
                          -std::numeric_limits<float>::infinity());
    att = attn_dropout(torch::softmax(att, -1));
    auto y = torch::matmul(att, v).transpose(1, 2).contiguous().view({B, T, C});
    return resid_dropout(c_proj(y));
  }

  torch::nn::Linear c_attn{nullptr}, c_proj{nullptr};
  torch::nn::Dropout attn_dropout{nullptr}, resid_dropout{nullptr};
  torch::Tensor bias;
  int64_t n_head_;
  int64_t n_embd_;
};
TORCH_MODULE(CausalSelfAttention);

class MLPImpl : public torch::nn::Module {
 public:
  MLPImpl(int64_t n_embd, double dropout) {
    c_fc = register_module("c_fc", torch::nn::Linear(n_embd, 4 * n_embd));
    gelu = register_module("gelu", torch::nn::GELU());
    c_proj = register_module("c_proj", torch::nn::Linear(4 * n_embd, n_embd));
    drop = register_module("dropout", torch::nn::Dropout(dropout));
  }

  torch::Tensor forward(const torch::Tensor& x) { return drop(c_proj(gelu(c_fc(x)))); }

  torch::nn::Linear c_fc{nullptr};
  torch::nn::GELU gelu{nullptr};
  torch::nn::Linear c_proj{nullptr};
  torch::nn::Dropout drop{nullptr};
};
TORCH_MODULE(MLP);

class BlockImpl : public torch::nn::Module {
 public:
  BlockImpl(int64_t n_embd, int64_t n_head, int64_t block_size, double dropout)
      : ln_1(torch::nn::LayerNormOptions({n_embd})),
        attn(n_embd, n_head, block_size, dropout),
        ln_2(torch::nn::LayerNormOptions({n_embd})),
        mlp(n_embd, dropout) {
    register_module("ln_1", ln_1);
    register_module("attn", attn);
    register_module("ln_2", ln_2);
    register_module("mlp", mlp);
  }

  torch::Tensor forward(torch::Tensor x) {
    x = x + attn(ln_1(x));
    x = x + mlp(ln_2(x));
    return x;
  }

  torch::nn::LayerNorm ln_1;
  CausalSelfAttention attn;
  torch::nn::LayerNorm ln_2;
  MLP mlp;
};
TORCH_MODULE(Block);

class GPTImpl : public torch::nn::Module {
 public:
  GPTImpl(int64_t vocab_size, int64_t block_size, int64_t n_layer, int64_t n_head, int64_t n_embd, double dropout = 0.1)
      : block_size_(block_size) {
    tok_emb = register_module("tok_emb", torch::nn::Embedding(vocab_size, n_embd));
    pos_emb = register_parameter("pos_emb", torch::zeros({1, block_size, n_embd}));
    drop = register_module("drop", torch::nn::Dropout(dropout));
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (int i = 0; i < n_layer; ++i) {
      blocks->push_back(Block(n_embd, n_head, block_size, dropout));
    }
    ln_f = register_module("ln_f", torch::nn::LayerNorm(torch::nn::LayerNormOptions({n_embd})));
    lm_head = register_module("lm_head", torch::nn::Linear(torch::nn::LinearOptions(n_embd, vocab_size).bias(false)));

    apply([](torch::nn::Module& module) {
      if (auto* linear = module.as<torch::nn::Linear>()) {
        torch::nn::init::normal_(linear->weight, 0.0, 0.02);
        if (linear->bias.defined()) torch::nn::init::zeros_(linear->bias);
      } else if (auto* embedding = module.as<torch::nn::Embedding>()) {
        torch::nn::init::normal_(embedding->weight, 0.0, 0.02);
      }
    });
    // scaled init of the residual projections, per GPT-2
    for (auto& p : named_parameters()) {
      if (p.key().size() >= 13 && p.key().compare(p.key().size() - 13, 13, "c_proj.weight") == 0) {
        torch::nn::init::normal_(p.value(), 0.0, 0.02 / std::sqrt(2.0 * n_layer));
      }
    }
  }

  torch::Tensor forward(const torch::Tensor& idx) {
    const auto t = idx.size(1);
    TORCH_CHECK(t <= block_size_, "Cannot forward, model block size is exhausted.");
    auto x = drop(tok_emb(idx) + pos_emb.index({Slice(), Slice(None, t), Slice()}));
    for (const auto& block : *blocks) {
      x = block->as<Block>()->forward(x);
    }
    return lm_head(ln_f(x));
  }

  torch::nn::Embedding tok_emb{nullptr};
  torch::Tensor pos_emb;
  torch::nn::Dropout drop{nullptr};
  torch::nn::ModuleList blocks{nullptr};
  torch::nn::LayerNorm ln_f{nullptr};
  torch::nn::Linear lm_head{nullptr};
  int64_t block_size_;
};
TORCH_MODULE(GPT);
