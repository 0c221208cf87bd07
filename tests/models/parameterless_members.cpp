// Exercises: parameter-free submodules that only show in the module tree: Identity, GELU, Dropout, ReLU registered as members, inside a Sequential and a ModuleList, an AnyModule member that is either LayerNorm or Identity registered through .ptr(), a holder member that is never registered, an Identity shortcut chosen when the widths match.
#include <torch/torch.h>

struct MixerBlockImpl : torch::nn::Module {
  MixerBlockImpl(int64_t in_dim, int64_t out_dim, double dropout, bool use_norm) {
    if (use_norm) {
      norm = torch::nn::AnyModule(torch::nn::LayerNorm(torch::nn::LayerNormOptions({in_dim})));
    } else {
      norm = torch::nn::AnyModule(torch::nn::Identity());
    }
    register_module("norm", norm.ptr());

    mlp = register_module("mlp", torch::nn::Sequential(torch::nn::Linear(in_dim, 2 * out_dim),
                                                       torch::nn::GELU(),
                                                       torch::nn::Dropout(dropout),
                                                       torch::nn::Linear(2 * out_dim, out_dim),
                                                       torch::nn::Dropout(dropout)));
    if (in_dim == out_dim) {
      shortcut = register_module("shortcut", torch::nn::Identity());
    } else {
      shortcut_proj = register_module("shortcut_proj", torch::nn::Linear(in_dim, out_dim));
    }
    act = register_module("act", torch::nn::GELU());
    drop_path = register_module("drop_path", torch::nn::Dropout(dropout));
  }

  torch::Tensor forward(torch::Tensor x) {
    auto skip = shortcut_proj ? shortcut_proj(x) : shortcut(x);
    return act(skip + drop_path(mlp->forward(norm.forward(x))));
  }

  torch::nn::AnyModule norm;
  torch::nn::Sequential mlp{nullptr};
  torch::nn::Identity shortcut{nullptr};
  torch::nn::Linear shortcut_proj{nullptr};
  torch::nn::GELU act{nullptr};
  torch::nn::Dropout drop_path{nullptr};
};
TORCH_MODULE(MixerBlock);

struct MixerNetImpl : torch::nn::Module {
  MixerNetImpl(int64_t in_dim, int64_t dim, int64_t num_classes, bool use_norm = true) {
    embed = register_module("embed", torch::nn::Linear(in_dim, dim));
    relu = register_module("relu", torch::nn::ReLU());
    blocks = register_module("blocks", torch::nn::ModuleList(MixerBlock(dim, dim, 0.1, use_norm),
                                                             torch::nn::ReLU(),
                                                             MixerBlock(dim, 2 * dim, 0.0, false),
                                                             torch::nn::Identity()));
    pre_logits = register_module("pre_logits", torch::nn::Identity());
    dropout = register_module("dropout", torch::nn::Dropout(0.5));
    head = register_module("head", torch::nn::Linear(2 * dim, num_classes));
  }

  torch::Tensor forward(torch::Tensor x) {
    x = relu(embed(x));
    x = blocks[0]->as<MixerBlockImpl>()->forward(x);
    x = blocks[2]->as<MixerBlockImpl>()->forward(torch::relu(x));
    return head(dropout(pre_logits(x)));
  }

  torch::nn::Linear embed{nullptr}, head{nullptr};
  torch::nn::ReLU relu{nullptr};
  torch::nn::ModuleList blocks{nullptr};
  torch::nn::Identity pre_logits{nullptr};
  torch::nn::Dropout dropout{nullptr};
  torch::nn::Softmax softmax{torch::nn::SoftmaxOptions(1)};  // used in predict(), never registered
};
TORCH_MODULE(MixerNet);
