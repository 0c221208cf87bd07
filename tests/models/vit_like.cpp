// Exercises: lucidrains-style ViT: Conv2d patch embedding (kernel = stride = patch), cls_token and pos_embedding parameters with (image_size / patch_size)^2 + 1 positions, a ModuleList of two-module ModuleLists (attention, feed-forward) per layer, to_qkv Linear(dim, 3*inner, bias false), `project_out = !(heads == 1 && dim_head == dim)` choosing Sequential(Linear, Dropout) or Sequential(Identity), Softmax/GELU/Dropout in Sequentials, mlp_head Sequential(LayerNorm, Linear).
#include <torch/torch.h>

struct PatchEmbedImpl : torch::nn::Module {
  PatchEmbedImpl(int64_t image_size, int64_t patch_size, int64_t in_chans, int64_t embed_dim)
      : num_patches((image_size / patch_size) * (image_size / patch_size)) {
    TORCH_CHECK(image_size % patch_size == 0, "Image dimensions must be divisible by the patch size.");
    proj = register_module("proj", torch::nn::Conv2d(torch::nn::Conv2dOptions(in_chans, embed_dim, patch_size).stride(patch_size)));
  }

  // [B, C, H, W] -> [B, N, D]
  torch::Tensor forward(const torch::Tensor& x) { return proj(x).flatten(2).transpose(1, 2); }

  int64_t num_patches;
  torch::nn::Conv2d proj{nullptr};
};
TORCH_MODULE(PatchEmbed);

struct FeedForwardImpl : torch::nn::Module {
  FeedForwardImpl(int64_t dim, int64_t hidden_dim, double dropout = 0.0) {
    net = register_module("net", torch::nn::Sequential(torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})),
                                                       torch::nn::Linear(dim, hidden_dim),
                                                       torch::nn::GELU(),
                                                       torch::nn::Dropout(dropout),
                                                       torch::nn::Linear(hidden_dim, dim),
                                                       torch::nn::Dropout(dropout)));
  }
  torch::Tensor forward(const torch::Tensor& x) { return net->forward(x); }
  torch::nn::Sequential net{nullptr};
};
TORCH_MODULE(FeedForward);

struct AttentionImpl : torch::nn::Module {
  AttentionImpl(int64_t dim, int64_t heads = 8, int64_t dim_head = 64, double dropout = 0.0)
      : heads(heads), scale(std::pow(static_cast<double>(dim_head), -0.5)) {
    const int64_t inner_dim = dim_head * heads;
    const bool project_out = !(heads == 1 && dim_head == dim);

    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
    attend = register_module("attend", torch::nn::Softmax(torch::nn::SoftmaxOptions(-1)));
    drop = register_module("dropout", torch::nn::Dropout(dropout));
    to_qkv = register_module("to_qkv", torch::nn::Linear(torch::nn::LinearOptions(dim, inner_dim * 3).bias(false)));
    if (project_out) {
      to_out = register_module("to_out", torch::nn::Sequential(torch::nn::Linear(inner_dim, dim), torch::nn::Dropout(dropout)));
    } else {
      to_out = register_module("to_out", torch::nn::Sequential(torch::nn::Identity()));
    }
  }

  torch::Tensor forward(torch::Tensor x) {
    x = norm(x);
    const auto b = x.size(0), n = x.size(1);
    auto qkv = to_qkv(x).chunk(3, -1);
    auto split_heads = [&](const torch::Tensor& t) { return t.view({b, n, heads, -1}).transpose(1, 2); };
    auto q = split_heads(qkv[0]), k = split_heads(qkv[1]), v = split_heads(qkv[2]);
    auto attn = drop(attend(torch::matmul(q, k.transpose(-1, -2)) * scale));
    auto out = torch::matmul(attn, v).transpose(1, 2).reshape({b, n, -1});
    return to_out->forward(out);
  }

  int64_t heads;
  double scale;
  torch::nn::LayerNorm norm{nullptr};
  torch::nn::Softmax attend{nullptr};
  torch::nn::Dropout drop{nullptr};
  torch::nn::Linear to_qkv{nullptr};
  torch::nn::Sequential to_out{nullptr};
};
TORCH_MODULE(Attention);

struct TransformerImpl : torch::nn::Module {
  TransformerImpl(int64_t dim, int64_t depth, int64_t heads, int64_t dim_head, int64_t mlp_dim, double dropout = 0.0) {
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
    layers = register_module("layers", torch::nn::ModuleList());
    for (int64_t i = 0; i < depth; ++i) {
      layers->push_back(torch::nn::ModuleList(Attention(dim, heads, dim_head, dropout), FeedForward(dim, mlp_dim, dropout)));
    }
  }

  torch::Tensor forward(torch::Tensor x) {
    for (const auto& layer : *layers) {
      auto pair = std::dynamic_pointer_cast<torch::nn::ModuleListImpl>(layer);
      x = pair->ptr<AttentionImpl>(0)->forward(x) + x;
      x = pair->ptr<FeedForwardImpl>(1)->forward(x) + x;
    }
    return norm(x);
  }

  torch::nn::LayerNorm norm{nullptr};
  torch::nn::ModuleList layers{nullptr};
};
TORCH_MODULE(Transformer);

struct ViTImpl : torch::nn::Module {
  ViTImpl(int64_t image_size, int64_t patch_size, int64_t num_classes, int64_t dim, int64_t depth, int64_t heads,
          int64_t mlp_dim, int64_t channels = 3, int64_t dim_head = 64, double dropout = 0.0, double emb_dropout = 0.0) {
    const int64_t num_patches = (image_size / patch_size) * (image_size / patch_size);
    to_patch_embedding = register_module("to_patch_embedding", PatchEmbed(image_size, patch_size, channels, dim));
    pos_embedding = register_parameter("pos_embedding", torch::randn({1, num_patches + 1, dim}));
    cls_token = register_parameter("cls_token", torch::randn({1, 1, dim}));
    drop = register_module("dropout", torch::nn::Dropout(emb_dropout));
    transformer = register_module("transformer", Transformer(dim, depth, heads, dim_head, mlp_dim, dropout));
    mlp_head = register_module("mlp_head", torch::nn::Sequential(torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})),
                                                                 torch::nn::Linear(dim, num_classes)));
  }

  torch::Tensor forward(const torch::Tensor& img) {
    auto x = to_patch_embedding(img);
    const auto b = x.size(0), n = x.size(1);
    auto cls_tokens = cls_token.expand({b, -1, -1});
    x = torch::cat({cls_tokens, x}, 1);
    x = x + pos_embedding.slice(1, 0, n + 1);
    x = transformer(drop(x));
    return mlp_head->forward(x.select(1, 0));
  }

  PatchEmbed to_patch_embedding{nullptr};
  torch::Tensor pos_embedding, cls_token;
  torch::nn::Dropout drop{nullptr};
  Transformer transformer{nullptr};
  torch::nn::Sequential mlp_head{nullptr};
};
TORCH_MODULE(ViT);
