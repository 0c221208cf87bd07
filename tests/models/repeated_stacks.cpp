// Exercises: loops whose trip count is a constructor argument (repeated groups in --symbolic mode):
// ModuleList of custom blocks, a Sequential with two modules per trip and one after the loop,
// names from std::to_string of the index, nested loops into one ModuleList, parameters
// registered in a loop, a loop starting at 1, LSTM/GRU num_layers from an argument, and ?: on
// the loop index and on an argument (one expression each way: select(c, a, b)).
#include <torch/torch.h>

struct StackBlockImpl : torch::nn::Module {
  StackBlockImpl(int64_t dim, int64_t expansion) {
    fc = register_module("fc", torch::nn::Linear(dim, expansion * dim));
    proj = register_module("proj", torch::nn::Linear(expansion * dim, dim));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
  }
  torch::nn::Linear fc{nullptr}, proj{nullptr};
  torch::nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(StackBlock);

struct RepeatedStacksImpl : torch::nn::Module {
  RepeatedStacksImpl(int64_t dim, int64_t depth, int64_t heads, int64_t stages, int64_t rnn_layers) {
    embed = register_module("embed", torch::nn::Embedding(256, dim));
    for (int i = 0; i < depth; ++i) blocks->push_back(StackBlock(dim, 4));
    register_module("blocks", blocks);
    for (int64_t h = 0; h < heads; h++) {
      register_parameter("head_bias" + std::to_string(h), torch::zeros({dim}));
      register_module("head" + std::to_string(h), torch::nn::Linear(dim, 2));
    }
    for (int i = 0; i < depth; ++i) {
      mlp->push_back(torch::nn::Linear(dim, dim));
      mlp->push_back(torch::nn::BatchNorm1d(dim));
    }
    mlp->push_back(torch::nn::Linear(dim, 10));
    register_module("mlp", mlp);
    for (int s = 0; s < stages; ++s)
      for (int l = 1; l <= depth; ++l) convs->push_back(torch::nn::Conv1d(torch::nn::Conv1dOptions(dim, dim, 3).padding(l)));
    register_module("convs", convs);
    for (int i = 0; i < depth; ++i) proj->push_back(torch::nn::Linear(i == 0 ? dim : 2 * dim, 2 * dim));
    register_module("proj", proj);
    register_module("narrow", torch::nn::Linear(dim > 8 ? dim / 2 : dim, 4));
    lstm = register_module("lstm", torch::nn::LSTM(torch::nn::LSTMOptions(dim, 2 * dim).num_layers(rnn_layers).bidirectional(true)));
    gru = register_module("gru", torch::nn::GRU(torch::nn::GRUOptions(dim, dim).num_layers(rnn_layers)));
  }

  torch::nn::Embedding embed{nullptr};
  torch::nn::ModuleList blocks, convs, proj;
  torch::nn::Sequential mlp;
  torch::nn::LSTM lstm{nullptr};
  torch::nn::GRU gru{nullptr};
};
TORCH_MODULE(RepeatedStacks);
