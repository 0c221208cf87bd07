// Exercises: torchaudio/sooftware-style Conformer: Conv2d subsampling with an input projection sized encoder_dim * (((input_dim - 1) / 2 - 1) / 2), feed-forward modules with ffn_expansion * d in Sequentials (LayerNorm, Linear, SiLU, Dropout), a convolution module (pointwise Conv1d to 2*d, GLU, depthwise Conv1d groups=d with padding (k-1)/2, GroupNorm or BatchNorm1d by a bool, bias(false)), MultiheadAttention, layers in a ModuleList from a loop.
#include <torch/torch.h>

struct Conv2dSubsamplingImpl : torch::nn::Module {
  Conv2dSubsamplingImpl(int64_t in_channels, int64_t out_channels) {
    sequential = register_module(
        "sequential", torch::nn::Sequential(torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, out_channels, 3).stride(2)),
                                            torch::nn::ReLU(),
                                            torch::nn::Conv2d(torch::nn::Conv2dOptions(out_channels, out_channels, 3).stride(2)),
                                            torch::nn::ReLU()));
  }

  // [B, T, F] -> [B, T', C * F']
  torch::Tensor forward(const torch::Tensor& inputs) {
    auto outputs = sequential->forward(inputs.unsqueeze(1));
    const auto b = outputs.size(0), c = outputs.size(1), t = outputs.size(2), f = outputs.size(3);
    return outputs.permute({0, 2, 1, 3}).contiguous().view({b, t, c * f});
  }

  torch::nn::Sequential sequential{nullptr};
};
TORCH_MODULE(Conv2dSubsampling);

struct FeedForwardModuleImpl : torch::nn::Module {
  FeedForwardModuleImpl(int64_t input_dim, int64_t hidden_dim, double dropout = 0.0) {
    sequential = register_module("sequential",
                                 torch::nn::Sequential(torch::nn::LayerNorm(torch::nn::LayerNormOptions({input_dim})),
                                                       torch::nn::Linear(torch::nn::LinearOptions(input_dim, hidden_dim).bias(true)),
                                                       torch::nn::SiLU(),
                                                       torch::nn::Dropout(dropout),
                                                       torch::nn::Linear(torch::nn::LinearOptions(hidden_dim, input_dim).bias(true)),
                                                       torch::nn::Dropout(dropout)));
  }
  torch::Tensor forward(const torch::Tensor& x) { return sequential->forward(x); }
  torch::nn::Sequential sequential{nullptr};
};
TORCH_MODULE(FeedForwardModule);

struct ConvolutionModuleImpl : torch::nn::Module {
  ConvolutionModuleImpl(int64_t input_dim, int64_t num_channels, int64_t depthwise_kernel_size, double dropout = 0.0,
                        bool bias = false, bool use_group_norm = false) {
    TORCH_CHECK((depthwise_kernel_size - 1) % 2 == 0, "depthwise_kernel_size must be odd to achieve 'SAME' padding.");
    layer_norm = register_module("layer_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({input_dim})));
    torch::nn::Sequential seq;
    seq->push_back(torch::nn::Conv1d(torch::nn::Conv1dOptions(input_dim, 2 * num_channels, 1).stride(1).padding(0).bias(bias)));
    seq->push_back(torch::nn::GLU(torch::nn::GLUOptions(1)));
    seq->push_back(torch::nn::Conv1d(torch::nn::Conv1dOptions(num_channels, num_channels, depthwise_kernel_size)
                                         .stride(1)
                                         .padding((depthwise_kernel_size - 1) / 2)
                                         .groups(num_channels)
                                         .bias(bias)));
    if (use_group_norm) {
      seq->push_back(torch::nn::GroupNorm(torch::nn::GroupNormOptions(1, num_channels)));
    } else {
      seq->push_back(torch::nn::BatchNorm1d(num_channels));
    }
    seq->push_back(torch::nn::SiLU());
    seq->push_back(torch::nn::Conv1d(torch::nn::Conv1dOptions(num_channels, input_dim, 1).stride(1).padding(0).bias(bias)));
    seq->push_back(torch::nn::Dropout(dropout));
    sequential = register_module("sequential", seq);
  }

  // [B, T, D] -> [B, T, D]
  torch::Tensor forward(const torch::Tensor& input) {
    auto x = layer_norm(input).transpose(1, 2);
    return sequential->forward(x).transpose(1, 2);
  }

  torch::nn::LayerNorm layer_norm{nullptr};
  torch::nn::Sequential sequential{nullptr};
};
TORCH_MODULE(ConvolutionModule);

struct ConformerLayerImpl : torch::nn::Module {
  ConformerLayerImpl(int64_t input_dim, int64_t ffn_dim, int64_t num_attention_heads, int64_t depthwise_conv_kernel_size,
                     double dropout = 0.0, bool use_group_norm = false)
      : ffn1(input_dim, ffn_dim, dropout),
        self_attn_layer_norm(torch::nn::LayerNormOptions({input_dim})),
        self_attn(torch::nn::MultiheadAttentionOptions(input_dim, num_attention_heads).dropout(dropout)),
        self_attn_dropout(dropout),
        conv_module(input_dim, input_dim, depthwise_conv_kernel_size, dropout, /*bias=*/true, use_group_norm),
        ffn2(input_dim, ffn_dim, dropout),
        final_layer_norm(torch::nn::LayerNormOptions({input_dim})) {
    register_module("ffn1", ffn1);
    register_module("self_attn_layer_norm", self_attn_layer_norm);
    register_module("self_attn", self_attn);
    register_module("self_attn_dropout", self_attn_dropout);
    register_module("conv_module", conv_module);
    register_module("ffn2", ffn2);
    register_module("final_layer_norm", final_layer_norm);
  }

  // input [T, B, D] (MultiheadAttention's layout)
  torch::Tensor forward(const torch::Tensor& input, const torch::Tensor& key_padding_mask = {}) {
    auto x = 0.5 * ffn1(input) + input;
    auto residual = x;
    x = self_attn_layer_norm(x);
    x = std::get<0>(self_attn(x, x, x, key_padding_mask, /*need_weights=*/false));
    x = self_attn_dropout(x) + residual;
    x = conv_module(x.transpose(0, 1)).transpose(0, 1) + x;
    x = 0.5 * ffn2(x) + x;
    return final_layer_norm(x);
  }

  FeedForwardModule ffn1;
  torch::nn::LayerNorm self_attn_layer_norm;
  torch::nn::MultiheadAttention self_attn;
  torch::nn::Dropout self_attn_dropout;
  ConvolutionModule conv_module;
  FeedForwardModule ffn2;
  torch::nn::LayerNorm final_layer_norm;
};
TORCH_MODULE(ConformerLayer);

// Conformer encoder for CTC: filterbank features [B, T, input_dim] -> log-probabilities [B, T', num_classes].
struct ConformerImpl : torch::nn::Module {
  ConformerImpl(int64_t input_dim, int64_t num_classes, int64_t encoder_dim = 144, int64_t num_layers = 16,
                int64_t num_attention_heads = 4, int64_t conv_kernel_size = 31, int64_t feed_forward_expansion_factor = 4,
                double dropout = 0.1, bool use_group_norm = false) {
    conv_subsample = register_module("conv_subsample", Conv2dSubsampling(1, encoder_dim));
    input_projection = register_module(
        "input_projection",
        torch::nn::Sequential(torch::nn::Linear(encoder_dim * (((input_dim - 1) / 2 - 1) / 2), encoder_dim),
                              torch::nn::Dropout(dropout)));
    for (int64_t i = 0; i < num_layers; ++i) {
      layers->push_back(ConformerLayer(encoder_dim, feed_forward_expansion_factor * encoder_dim, num_attention_heads,
                                       conv_kernel_size, dropout, use_group_norm));
    }
    register_module("layers", layers);
    fc = register_module("fc", torch::nn::Linear(torch::nn::LinearOptions(encoder_dim, num_classes).bias(false)));
  }

  torch::Tensor forward(const torch::Tensor& inputs) {
    auto x = input_projection->forward(conv_subsample(inputs)).transpose(0, 1);
    for (size_t i = 0; i < layers->size(); ++i) x = layers->ptr<ConformerLayerImpl>(i)->forward(x);
    return torch::log_softmax(fc(x.transpose(0, 1)), -1);
  }

  Conv2dSubsampling conv_subsample{nullptr};
  torch::nn::Sequential input_projection{nullptr};
  torch::nn::ModuleList layers;
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(Conformer);
