// Exercises: constexpr/const globals, static constexpr members, enums (plain and scoped), default arguments and arithmetic on them.
#include <torch/torch.h>

constexpr int64_t kEmbedDim = 48;
const int64_t kHiddenDim = kEmbedDim * 2;
static constexpr int kNumHeads = 4;

enum Channels { kGray = 1, kRgb = 3, kRgba = 4 };
enum class Resolution : int64_t { Low = 8, High = 16 };

struct PatchEmbedImpl : torch::nn::Module {
  static constexpr int64_t kPatch = 4;
  static const int64_t kTokens = (static_cast<int64_t>(Resolution::High) / kPatch) * (static_cast<int64_t>(Resolution::High) / kPatch);

  explicit PatchEmbedImpl(int64_t in_channels = kRgb, int64_t num_classes = 10) {
    const int64_t head_dim = kEmbedDim / kNumHeads;
    proj = register_module("proj", torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, kEmbedDim, kPatch).stride(kPatch)));
    pos_embed = register_parameter("pos_embed", torch::zeros({1, kTokens + 1, kEmbedDim}));
    qkv = register_module("qkv", torch::nn::Linear(kEmbedDim, 3 * kNumHeads * head_dim));
    mlp = register_module("mlp", torch::nn::Linear(kEmbedDim, kHiddenDim));
    alpha_mask = register_module("alpha_mask", torch::nn::Conv2d(torch::nn::Conv2dOptions(kRgba - kRgb, kGray, 1)));
    low_res = register_module("low_res", torch::nn::Linear(static_cast<int64_t>(Resolution::Low), kEmbedDim));
    head = register_module("head", torch::nn::Linear(kHiddenDim, num_classes));
  }

  torch::nn::Conv2d proj{nullptr}, alpha_mask{nullptr};
  torch::Tensor pos_embed;
  torch::nn::Linear qkv{nullptr}, mlp{nullptr}, low_res{nullptr}, head{nullptr};
};
TORCH_MODULE(PatchEmbed);
