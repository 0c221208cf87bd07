// Bundled LibTorch declarations, part 3: the options of every torch::nn layer
// and functional (Conv2dOptions(3, 64, 3).stride(2).bias(false)). Option
// names, types and constructor arguments follow LibTorch's C++ API; the
// analyzer reads the options a model sets by these names. See tensor.h.
#pragma once

#include "module.h"

// One option: a setter returning the options (for chaining) and getters.
#define CKPT_ARG(T, name)                                \
  auto name(const T& new_##name) -> decltype(*this);     \
  const T& name() const noexcept;                        \
  T& name() noexcept

namespace torch {
namespace nn {

// ---- option value types -----------------------------------------------------
namespace detail {
using conv_padding_mode_t = c10::variant<enumtype::kZeros, enumtype::kReflect, enumtype::kReplicate, enumtype::kCircular>;
template <size_t D>
using conv_padding_t = c10::variant<ExpandingArray<D>, enumtype::kValid, enumtype::kSame>;
}  // namespace detail
using EmbeddingBagMode = c10::variant<enumtype::kSum, enumtype::kMean, enumtype::kMax>;
using reduction_t = c10::variant<enumtype::kNone, enumtype::kMean, enumtype::kSum>;
using activation_t = c10::variant<enumtype::kReLU, enumtype::kGELU, std::function<at::Tensor(const at::Tensor&)>>;

// ---- linear, bilinear, flatten ----------------------------------------------
struct LinearOptions {
  LinearOptions(int64_t in_features, int64_t out_features);
  CKPT_ARG(int64_t, in_features);
  CKPT_ARG(int64_t, out_features);
  CKPT_ARG(bool, bias);
};
struct BilinearOptions {
  BilinearOptions(int64_t in1_features, int64_t in2_features, int64_t out_features);
  CKPT_ARG(int64_t, in1_features);
  CKPT_ARG(int64_t, in2_features);
  CKPT_ARG(int64_t, out_features);
  CKPT_ARG(bool, bias);
};
struct FlattenOptions {
  FlattenOptions();
  CKPT_ARG(int64_t, start_dim);
  CKPT_ARG(int64_t, end_dim);
};
struct UnflattenOptions {
  using namedshape_t = std::vector<std::pair<std::string, int64_t>>;
  UnflattenOptions(int64_t dim, std::vector<int64_t> sizes);
  UnflattenOptions(const char* dimname, namedshape_t namedshape);
  UnflattenOptions(std::string dimname, namedshape_t namedshape);
  CKPT_ARG(int64_t, dim);
  CKPT_ARG(std::string, dimname);
  CKPT_ARG(std::vector<int64_t>, sizes);
  CKPT_ARG(namedshape_t, namedshape);
};
struct IdentityOptions {
  IdentityOptions();
};

// ---- convolutions ---------------------------------------------------------------
template <size_t D>
struct ConvOptions {
  using padding_mode_t = detail::conv_padding_mode_t;
  using padding_t = detail::conv_padding_t<D>;
  ConvOptions(int64_t in_channels, int64_t out_channels, ExpandingArray<D> kernel_size);
  CKPT_ARG(int64_t, in_channels);
  CKPT_ARG(int64_t, out_channels);
  CKPT_ARG(ExpandingArray<D>, kernel_size);
  CKPT_ARG(ExpandingArray<D>, stride);
  CKPT_ARG(padding_t, padding);
  decltype(auto) padding(std::initializer_list<int64_t> il) { return padding(padding_t(ExpandingArray<D>(il))); }
  CKPT_ARG(ExpandingArray<D>, dilation);
  CKPT_ARG(int64_t, groups);
  CKPT_ARG(bool, bias);
  CKPT_ARG(padding_mode_t, padding_mode);
};
using Conv1dOptions = ConvOptions<1>;
using Conv2dOptions = ConvOptions<2>;
using Conv3dOptions = ConvOptions<3>;

template <size_t D>
struct ConvTransposeOptions {
  using padding_mode_t = detail::conv_padding_mode_t;
  ConvTransposeOptions(int64_t in_channels, int64_t out_channels, ExpandingArray<D> kernel_size);
  CKPT_ARG(int64_t, in_channels);
  CKPT_ARG(int64_t, out_channels);
  CKPT_ARG(ExpandingArray<D>, kernel_size);
  CKPT_ARG(ExpandingArray<D>, stride);
  CKPT_ARG(ExpandingArray<D>, padding);
  CKPT_ARG(ExpandingArray<D>, output_padding);
  CKPT_ARG(int64_t, groups);
  CKPT_ARG(bool, bias);
  CKPT_ARG(ExpandingArray<D>, dilation);
  CKPT_ARG(padding_mode_t, padding_mode);
};
using ConvTranspose1dOptions = ConvTransposeOptions<1>;
using ConvTranspose2dOptions = ConvTransposeOptions<2>;
using ConvTranspose3dOptions = ConvTransposeOptions<3>;

struct FoldOptions {
  FoldOptions(ExpandingArray<2> output_size, ExpandingArray<2> kernel_size);
  CKPT_ARG(ExpandingArray<2>, output_size);
  CKPT_ARG(ExpandingArray<2>, kernel_size);
  CKPT_ARG(ExpandingArray<2>, dilation);
  CKPT_ARG(ExpandingArray<2>, padding);
  CKPT_ARG(ExpandingArray<2>, stride);
};
struct UnfoldOptions {
  UnfoldOptions(ExpandingArray<2> kernel_size);
  CKPT_ARG(ExpandingArray<2>, kernel_size);
  CKPT_ARG(ExpandingArray<2>, dilation);
  CKPT_ARG(ExpandingArray<2>, padding);
  CKPT_ARG(ExpandingArray<2>, stride);
};

// ---- normalization -----------------------------------------------------------
struct BatchNormOptions {
  BatchNormOptions(int64_t num_features);
  CKPT_ARG(int64_t, num_features);
  CKPT_ARG(double, eps);
  CKPT_ARG(c10::optional<double>, momentum);
  CKPT_ARG(bool, affine);
  CKPT_ARG(bool, track_running_stats);
};
using BatchNorm1dOptions = BatchNormOptions;
using BatchNorm2dOptions = BatchNormOptions;
using BatchNorm3dOptions = BatchNormOptions;

struct InstanceNormOptions {
  InstanceNormOptions(int64_t num_features);
  CKPT_ARG(int64_t, num_features);
  CKPT_ARG(double, eps);
  CKPT_ARG(double, momentum);
  CKPT_ARG(bool, affine);
  CKPT_ARG(bool, track_running_stats);
};
using InstanceNorm1dOptions = InstanceNormOptions;
using InstanceNorm2dOptions = InstanceNormOptions;
using InstanceNorm3dOptions = InstanceNormOptions;

struct LayerNormOptions {
  LayerNormOptions(std::vector<int64_t> normalized_shape);
  CKPT_ARG(std::vector<int64_t>, normalized_shape);
  CKPT_ARG(double, eps);
  CKPT_ARG(bool, elementwise_affine);
};
struct GroupNormOptions {
  GroupNormOptions(int64_t num_groups, int64_t num_channels);
  CKPT_ARG(int64_t, num_groups);
  CKPT_ARG(int64_t, num_channels);
  CKPT_ARG(double, eps);
  CKPT_ARG(bool, affine);
};
struct LocalResponseNormOptions {
  LocalResponseNormOptions(int64_t size);
  CKPT_ARG(int64_t, size);
  CKPT_ARG(double, alpha);
  CKPT_ARG(double, beta);
  CKPT_ARG(double, k);
};
struct CrossMapLRN2dOptions {
  CrossMapLRN2dOptions(int64_t size);
  CKPT_ARG(int64_t, size);
  CKPT_ARG(double, alpha);
  CKPT_ARG(double, beta);
  CKPT_ARG(int64_t, k);
};

// ---- embeddings ------------------------------------------------------------------
struct EmbeddingOptions {
  EmbeddingOptions(int64_t num_embeddings, int64_t embedding_dim);
  CKPT_ARG(int64_t, num_embeddings);
  CKPT_ARG(int64_t, embedding_dim);
  CKPT_ARG(c10::optional<int64_t>, padding_idx);
  CKPT_ARG(c10::optional<double>, max_norm);
  CKPT_ARG(double, norm_type);
  CKPT_ARG(bool, scale_grad_by_freq);
  CKPT_ARG(bool, sparse);
  CKPT_ARG(at::Tensor, _weight);
};
struct EmbeddingFromPretrainedOptions {
  EmbeddingFromPretrainedOptions();
  CKPT_ARG(bool, freeze);
  CKPT_ARG(c10::optional<int64_t>, padding_idx);
  CKPT_ARG(c10::optional<double>, max_norm);
  CKPT_ARG(double, norm_type);
  CKPT_ARG(bool, scale_grad_by_freq);
  CKPT_ARG(bool, sparse);
};
struct EmbeddingBagOptions {
  EmbeddingBagOptions(int64_t num_embeddings, int64_t embedding_dim);
  CKPT_ARG(int64_t, num_embeddings);
  CKPT_ARG(int64_t, embedding_dim);
  CKPT_ARG(c10::optional<double>, max_norm);
  CKPT_ARG(double, norm_type);
  CKPT_ARG(bool, scale_grad_by_freq);
  CKPT_ARG(EmbeddingBagMode, mode);
  CKPT_ARG(bool, sparse);
  CKPT_ARG(at::Tensor, _weight);
  CKPT_ARG(bool, include_last_offset);
  CKPT_ARG(c10::optional<int64_t>, padding_idx);
};
struct EmbeddingBagFromPretrainedOptions {
  EmbeddingBagFromPretrainedOptions();
  CKPT_ARG(bool, freeze);
  CKPT_ARG(c10::optional<double>, max_norm);
  CKPT_ARG(double, norm_type);
  CKPT_ARG(bool, scale_grad_by_freq);
  CKPT_ARG(EmbeddingBagMode, mode);
  CKPT_ARG(bool, sparse);
  CKPT_ARG(bool, include_last_offset);
  CKPT_ARG(c10::optional<int64_t>, padding_idx);
};

// ---- recurrent -----------------------------------------------------------------------
struct RNNOptions {
  using nonlinearity_t = c10::variant<enumtype::kTanh, enumtype::kReLU>;
  RNNOptions(int64_t input_size, int64_t hidden_size);
  CKPT_ARG(int64_t, input_size);
  CKPT_ARG(int64_t, hidden_size);
  CKPT_ARG(int64_t, num_layers);
  CKPT_ARG(nonlinearity_t, nonlinearity);
  CKPT_ARG(bool, bias);
  CKPT_ARG(bool, batch_first);
  CKPT_ARG(double, dropout);
  CKPT_ARG(bool, bidirectional);
};
struct LSTMOptions {
  LSTMOptions(int64_t input_size, int64_t hidden_size);
  CKPT_ARG(int64_t, input_size);
  CKPT_ARG(int64_t, hidden_size);
  CKPT_ARG(int64_t, num_layers);
  CKPT_ARG(bool, bias);
  CKPT_ARG(bool, batch_first);
  CKPT_ARG(double, dropout);
  CKPT_ARG(bool, bidirectional);
  CKPT_ARG(int64_t, proj_size);
};
struct GRUOptions {
  GRUOptions(int64_t input_size, int64_t hidden_size);
  CKPT_ARG(int64_t, input_size);
  CKPT_ARG(int64_t, hidden_size);
  CKPT_ARG(int64_t, num_layers);
  CKPT_ARG(bool, bias);
  CKPT_ARG(bool, batch_first);
  CKPT_ARG(double, dropout);
  CKPT_ARG(bool, bidirectional);
};
struct RNNCellOptions {
  using nonlinearity_t = c10::variant<enumtype::kTanh, enumtype::kReLU>;
  RNNCellOptions(int64_t input_size, int64_t hidden_size);
  CKPT_ARG(int64_t, input_size);
  CKPT_ARG(int64_t, hidden_size);
  CKPT_ARG(bool, bias);
  CKPT_ARG(nonlinearity_t, nonlinearity);
};
struct LSTMCellOptions {
  LSTMCellOptions(int64_t input_size, int64_t hidden_size);
  CKPT_ARG(int64_t, input_size);
  CKPT_ARG(int64_t, hidden_size);
  CKPT_ARG(bool, bias);
};
struct GRUCellOptions {
  GRUCellOptions(int64_t input_size, int64_t hidden_size);
  CKPT_ARG(int64_t, input_size);
  CKPT_ARG(int64_t, hidden_size);
  CKPT_ARG(bool, bias);
};

// ---- attention and transformers -------------------------------------------------------
struct MultiheadAttentionOptions {
  MultiheadAttentionOptions(int64_t embed_dim, int64_t num_heads);
  CKPT_ARG(int64_t, embed_dim);
  CKPT_ARG(int64_t, num_heads);
  CKPT_ARG(double, dropout);
  CKPT_ARG(bool, bias);
  CKPT_ARG(bool, add_bias_kv);
  CKPT_ARG(bool, add_zero_attn);
  CKPT_ARG(int64_t, kdim);
  CKPT_ARG(int64_t, vdim);
};
struct TransformerEncoderLayerOptions {
  TransformerEncoderLayerOptions(int64_t d_model, int64_t nhead);
  CKPT_ARG(int64_t, d_model);
  CKPT_ARG(int64_t, nhead);
  CKPT_ARG(int64_t, dim_feedforward);
  CKPT_ARG(double, dropout);
  CKPT_ARG(activation_t, activation);
};
struct TransformerDecoderLayerOptions {
  TransformerDecoderLayerOptions(int64_t d_model, int64_t nhead);
  CKPT_ARG(int64_t, d_model);
  CKPT_ARG(int64_t, nhead);
  CKPT_ARG(int64_t, dim_feedforward);
  CKPT_ARG(double, dropout);
  CKPT_ARG(activation_t, activation);
};
class TransformerEncoderLayer;
class TransformerDecoderLayer;
struct TransformerEncoderOptions {
  TransformerEncoderOptions(TransformerEncoderLayer encoder_layer, int64_t num_layers);
  TransformerEncoderOptions(const TransformerEncoderLayerOptions& encoder_layer_options, int64_t num_layers);
  CKPT_ARG(TransformerEncoderLayer, encoder_layer);
  CKPT_ARG(int64_t, num_layers);
  CKPT_ARG(AnyModule, norm);
};
struct TransformerDecoderOptions {
  TransformerDecoderOptions(TransformerDecoderLayer decoder_layer, int64_t num_layers);
  TransformerDecoderOptions(const TransformerDecoderLayerOptions& decoder_layer_options, int64_t num_layers);
  CKPT_ARG(TransformerDecoderLayer, decoder_layer);
  CKPT_ARG(int64_t, num_layers);
  CKPT_ARG(AnyModule, norm);
};
struct TransformerOptions {
  TransformerOptions();
  TransformerOptions(int64_t d_model, int64_t nhead);
  TransformerOptions(int64_t d_model, int64_t nhead, int64_t num_encoder_layers, int64_t num_decoder_layers);
  CKPT_ARG(int64_t, d_model);
  CKPT_ARG(int64_t, nhead);
  CKPT_ARG(int64_t, num_encoder_layers);
  CKPT_ARG(int64_t, num_decoder_layers);
  CKPT_ARG(int64_t, dim_feedforward);
  CKPT_ARG(double, dropout);
  CKPT_ARG(activation_t, activation);
  CKPT_ARG(AnyModule, custom_encoder);
  CKPT_ARG(AnyModule, custom_decoder);
};

// ---- activations -------------------------------------------------------------------
#define CKPT_INPLACE_OPTIONS(Name) \
  struct Name##Options {           \
    Name##Options(bool inplace = false); \
    CKPT_ARG(bool, inplace);       \
  };
CKPT_INPLACE_OPTIONS(ReLU)
CKPT_INPLACE_OPTIONS(ReLU6)
CKPT_INPLACE_OPTIONS(SELU)
#undef CKPT_INPLACE_OPTIONS
struct ELUOptions {
  ELUOptions();
  CKPT_ARG(double, alpha);
  CKPT_ARG(bool, inplace);
};
struct CELUOptions {
  CELUOptions();
  CKPT_ARG(double, alpha);
  CKPT_ARG(bool, inplace);
};
struct GLUOptions {
  GLUOptions(int64_t dim = -1);
  CKPT_ARG(int64_t, dim);
};
struct GELUOptions {
  GELUOptions();
  CKPT_ARG(std::string, approximate);
};
struct HardshrinkOptions {
  HardshrinkOptions(double lambda = 0.5);
  CKPT_ARG(double, lambda);
};
struct SoftshrinkOptions {
  SoftshrinkOptions(double lambda = 0.5);
  CKPT_ARG(double, lambda);
};
struct HardtanhOptions {
  HardtanhOptions();
  CKPT_ARG(double, min_val);
  CKPT_ARG(double, max_val);
  CKPT_ARG(bool, inplace);
};
struct LeakyReLUOptions {
  LeakyReLUOptions();
  CKPT_ARG(double, negative_slope);
  CKPT_ARG(bool, inplace);
};
struct SoftmaxOptions {
  SoftmaxOptions(int64_t dim);
  CKPT_ARG(int64_t, dim);
};
struct SoftminOptions {
  SoftminOptions(int64_t dim);
  CKPT_ARG(int64_t, dim);
};
struct LogSoftmaxOptions {
  LogSoftmaxOptions(int64_t dim);
  CKPT_ARG(int64_t, dim);
};
struct PReLUOptions {
  PReLUOptions();
  CKPT_ARG(int64_t, num_parameters);
  CKPT_ARG(double, init);
};
struct RReLUOptions {
  RReLUOptions();
  CKPT_ARG(double, lower);
  CKPT_ARG(double, upper);
  CKPT_ARG(bool, inplace);
};
struct SoftplusOptions {
  SoftplusOptions();
  CKPT_ARG(double, beta);
  CKPT_ARG(double, threshold);
};
struct ThresholdOptions {
  ThresholdOptions(double threshold, double value);
  CKPT_ARG(double, threshold);
  CKPT_ARG(double, value);
  CKPT_ARG(bool, inplace);
};

// ---- dropout, distance, pixel shuffle ---------------------------------------------------
struct DropoutOptions {
  DropoutOptions(double p = 0.5);
  CKPT_ARG(double, p);
  CKPT_ARG(bool, inplace);
};
using Dropout2dOptions = DropoutOptions;
using Dropout3dOptions = DropoutOptions;
using AlphaDropoutOptions = DropoutOptions;
using FeatureAlphaDropoutOptions = DropoutOptions;
struct CosineSimilarityOptions {
  CosineSimilarityOptions();
  CKPT_ARG(int64_t, dim);
  CKPT_ARG(double, eps);
};
struct PairwiseDistanceOptions {
  PairwiseDistanceOptions();
  CKPT_ARG(double, p);
  CKPT_ARG(double, eps);
  CKPT_ARG(bool, keepdim);
};
struct PixelShuffleOptions {
  PixelShuffleOptions(int64_t upscale_factor);
  CKPT_ARG(int64_t, upscale_factor);
};
struct PixelUnshuffleOptions {
  PixelUnshuffleOptions(int64_t downscale_factor);
  CKPT_ARG(int64_t, downscale_factor);
};

// ---- pooling ------------------------------------------------------------------------------
template <size_t D>
struct AvgPoolOptions {
  AvgPoolOptions(ExpandingArray<D> kernel_size);
  CKPT_ARG(ExpandingArray<D>, kernel_size);
  CKPT_ARG(ExpandingArray<D>, stride);
  CKPT_ARG(ExpandingArray<D>, padding);
  CKPT_ARG(bool, ceil_mode);
  CKPT_ARG(bool, count_include_pad);
  CKPT_ARG(c10::optional<int64_t>, divisor_override);
};
using AvgPool1dOptions = AvgPoolOptions<1>;
using AvgPool2dOptions = AvgPoolOptions<2>;
using AvgPool3dOptions = AvgPoolOptions<3>;
template <size_t D>
struct MaxPoolOptions {
  MaxPoolOptions(ExpandingArray<D> kernel_size);
  CKPT_ARG(ExpandingArray<D>, kernel_size);
  CKPT_ARG(ExpandingArray<D>, stride);
  CKPT_ARG(ExpandingArray<D>, padding);
  CKPT_ARG(ExpandingArray<D>, dilation);
  CKPT_ARG(bool, ceil_mode);
};
using MaxPool1dOptions = MaxPoolOptions<1>;
using MaxPool2dOptions = MaxPoolOptions<2>;
using MaxPool3dOptions = MaxPoolOptions<3>;
template <typename output_size_t>
struct AdaptiveMaxPoolOptions {
  AdaptiveMaxPoolOptions(output_size_t output_size);
  CKPT_ARG(output_size_t, output_size);
};
using AdaptiveMaxPool1dOptions = AdaptiveMaxPoolOptions<ExpandingArray<1>>;
using AdaptiveMaxPool2dOptions = AdaptiveMaxPoolOptions<ExpandingArrayWithOptionalElem<2>>;
using AdaptiveMaxPool3dOptions = AdaptiveMaxPoolOptions<ExpandingArrayWithOptionalElem<3>>;
template <typename output_size_t>
struct AdaptiveAvgPoolOptions {
  AdaptiveAvgPoolOptions(output_size_t output_size);
  CKPT_ARG(output_size_t, output_size);
};
using AdaptiveAvgPool1dOptions = AdaptiveAvgPoolOptions<ExpandingArray<1>>;
using AdaptiveAvgPool2dOptions = AdaptiveAvgPoolOptions<ExpandingArrayWithOptionalElem<2>>;
using AdaptiveAvgPool3dOptions = AdaptiveAvgPoolOptions<ExpandingArrayWithOptionalElem<3>>;
template <size_t D>
struct MaxUnpoolOptions {
  MaxUnpoolOptions(ExpandingArray<D> kernel_size);
  CKPT_ARG(ExpandingArray<D>, kernel_size);
  CKPT_ARG(ExpandingArray<D>, stride);
  CKPT_ARG(ExpandingArray<D>, padding);
};
using MaxUnpool1dOptions = MaxUnpoolOptions<1>;
using MaxUnpool2dOptions = MaxUnpoolOptions<2>;
using MaxUnpool3dOptions = MaxUnpoolOptions<3>;
template <size_t D>
struct FractionalMaxPoolOptions {
  FractionalMaxPoolOptions(ExpandingArray<D> kernel_size);
  CKPT_ARG(ExpandingArray<D>, kernel_size);
  CKPT_ARG(c10::optional<ExpandingArray<D>>, output_size);
  using output_ratio_t = c10::optional<ExpandingArray<D, double>>;
  CKPT_ARG(output_ratio_t, output_ratio);
  CKPT_ARG(at::Tensor, _random_samples);
};
using FractionalMaxPool2dOptions = FractionalMaxPoolOptions<2>;
using FractionalMaxPool3dOptions = FractionalMaxPoolOptions<3>;
template <size_t D>
struct LPPoolOptions {
  LPPoolOptions(double norm_type, ExpandingArray<D> kernel_size);
  CKPT_ARG(double, norm_type);
  CKPT_ARG(ExpandingArray<D>, kernel_size);
  CKPT_ARG(ExpandingArray<D>, stride);
  CKPT_ARG(bool, ceil_mode);
};
using LPPool1dOptions = LPPoolOptions<1>;
using LPPool2dOptions = LPPoolOptions<2>;

// ---- padding and upsampling ------------------------------------------------------------
template <size_t D>
struct ReflectionPadOptions {
  ReflectionPadOptions(ExpandingArray<D * 2> padding);
  CKPT_ARG(ExpandingArray<D * 2>, padding);
};
using ReflectionPad1dOptions = ReflectionPadOptions<1>;
using ReflectionPad2dOptions = ReflectionPadOptions<2>;
using ReflectionPad3dOptions = ReflectionPadOptions<3>;
template <size_t D>
struct ReplicationPadOptions {
  ReplicationPadOptions(ExpandingArray<D * 2> padding);
  CKPT_ARG(ExpandingArray<D * 2>, padding);
};
using ReplicationPad1dOptions = ReplicationPadOptions<1>;
using ReplicationPad2dOptions = ReplicationPadOptions<2>;
using ReplicationPad3dOptions = ReplicationPadOptions<3>;
struct ZeroPad2dOptions {
  ZeroPad2dOptions(ExpandingArray<4> padding);
  CKPT_ARG(ExpandingArray<4>, padding);
};
template <size_t D>
struct ConstantPadOptions {
  ConstantPadOptions(ExpandingArray<D * 2> padding, double value);
  CKPT_ARG(ExpandingArray<D * 2>, padding);
  CKPT_ARG(double, value);
};
using ConstantPad1dOptions = ConstantPadOptions<1>;
using ConstantPad2dOptions = ConstantPadOptions<2>;
using ConstantPad3dOptions = ConstantPadOptions<3>;
struct UpsampleOptions {
  using mode_t = c10::variant<enumtype::kNearest, enumtype::kLinear, enumtype::kBilinear, enumtype::kBicubic,
                              enumtype::kTrilinear>;
  UpsampleOptions();
  CKPT_ARG(c10::optional<std::vector<int64_t>>, size);
  CKPT_ARG(c10::optional<std::vector<double>>, scale_factor);
  CKPT_ARG(mode_t, mode);
  CKPT_ARG(c10::optional<bool>, align_corners);
};

// ---- adaptive softmax and losses -----------------------------------------------------------
struct AdaptiveLogSoftmaxWithLossOptions {
  AdaptiveLogSoftmaxWithLossOptions(int64_t in_features, int64_t n_classes, std::vector<int64_t> cutoffs);
  CKPT_ARG(int64_t, in_features);
  CKPT_ARG(int64_t, n_classes);
  CKPT_ARG(std::vector<int64_t>, cutoffs);
  CKPT_ARG(double, div_value);
  CKPT_ARG(bool, head_bias);
};
#define CKPT_REDUCTION_ONLY_LOSS_OPTIONS(Name) \
  struct Name##Options {                       \
    Name##Options();                           \
    CKPT_ARG(reduction_t, reduction);          \
  };
CKPT_REDUCTION_ONLY_LOSS_OPTIONS(L1Loss)
CKPT_REDUCTION_ONLY_LOSS_OPTIONS(MSELoss)
CKPT_REDUCTION_ONLY_LOSS_OPTIONS(MultiLabelMarginLoss)
CKPT_REDUCTION_ONLY_LOSS_OPTIONS(SoftMarginLoss)
#undef CKPT_REDUCTION_ONLY_LOSS_OPTIONS
struct KLDivLossOptions {
  using reduction_t = c10::variant<enumtype::kNone, enumtype::kBatchMean, enumtype::kSum, enumtype::kMean>;
  KLDivLossOptions();
  CKPT_ARG(reduction_t, reduction);
  CKPT_ARG(bool, log_target);
};
struct BCELossOptions {
  BCELossOptions();
  CKPT_ARG(at::Tensor, weight);
  CKPT_ARG(reduction_t, reduction);
};
struct HingeEmbeddingLossOptions {
  HingeEmbeddingLossOptions();
  CKPT_ARG(double, margin);
  CKPT_ARG(reduction_t, reduction);
};
struct MultiMarginLossOptions {
  MultiMarginLossOptions();
  CKPT_ARG(int64_t, p);
  CKPT_ARG(double, margin);
  CKPT_ARG(at::Tensor, weight);
  CKPT_ARG(reduction_t, reduction);
};
struct CosineEmbeddingLossOptions {
  CosineEmbeddingLossOptions();
  CKPT_ARG(double, margin);
  CKPT_ARG(reduction_t, reduction);
};
struct MultiLabelSoftMarginLossOptions {
  MultiLabelSoftMarginLossOptions();
  CKPT_ARG(at::Tensor, weight);
  CKPT_ARG(reduction_t, reduction);
};
struct TripletMarginLossOptions {
  TripletMarginLossOptions();
  CKPT_ARG(double, margin);
  CKPT_ARG(double, p);
  CKPT_ARG(double, eps);
  CKPT_ARG(bool, swap);
  CKPT_ARG(reduction_t, reduction);
};
struct TripletMarginWithDistanceLossOptions {
  using distance_function_t = std::function<at::Tensor(const at::Tensor&, const at::Tensor&)>;
  TripletMarginWithDistanceLossOptions();
  CKPT_ARG(c10::optional<distance_function_t>, distance_function);
  CKPT_ARG(double, margin);
  CKPT_ARG(bool, swap);
  CKPT_ARG(reduction_t, reduction);
};
struct CTCLossOptions {
  CTCLossOptions();
  CKPT_ARG(int64_t, blank);
  CKPT_ARG(reduction_t, reduction);
  CKPT_ARG(bool, zero_infinity);
};
struct SmoothL1LossOptions {
  SmoothL1LossOptions();
  CKPT_ARG(reduction_t, reduction);
  CKPT_ARG(double, beta);
};
struct HuberLossOptions {
  HuberLossOptions();
  CKPT_ARG(reduction_t, reduction);
  CKPT_ARG(double, delta);
};
struct PoissonNLLLossOptions {
  PoissonNLLLossOptions();
  CKPT_ARG(bool, log_input);
  CKPT_ARG(bool, full);
  CKPT_ARG(double, eps);
  CKPT_ARG(reduction_t, reduction);
};
struct MarginRankingLossOptions {
  MarginRankingLossOptions();
  CKPT_ARG(double, margin);
  CKPT_ARG(reduction_t, reduction);
};
struct NLLLossOptions {
  NLLLossOptions();
  CKPT_ARG(at::Tensor, weight);
  CKPT_ARG(int64_t, ignore_index);
  CKPT_ARG(reduction_t, reduction);
};
struct CrossEntropyLossOptions {
  CrossEntropyLossOptions();
  CKPT_ARG(at::Tensor, weight);
  CKPT_ARG(int64_t, ignore_index);
  CKPT_ARG(reduction_t, reduction);
  CKPT_ARG(double, label_smoothing);
};
struct BCEWithLogitsLossOptions {
  BCEWithLogitsLossOptions();
  CKPT_ARG(at::Tensor, weight);
  CKPT_ARG(reduction_t, reduction);
  CKPT_ARG(at::Tensor, pos_weight);
};

// ---- options of torch::nn::functional ---------------------------------------------------------
namespace functional {
using ELUFuncOptions = ELUOptions;
using SELUFuncOptions = SELUOptions;
using GLUFuncOptions = GLUOptions;
using GELUFuncOptions = GELUOptions;
using HardshrinkFuncOptions = HardshrinkOptions;
using HardtanhFuncOptions = HardtanhOptions;
using LeakyReLUFuncOptions = LeakyReLUOptions;
using ReLUFuncOptions = ReLUOptions;
using ReLU6FuncOptions = ReLU6Options;
using CELUFuncOptions = CELUOptions;
using SoftplusFuncOptions = SoftplusOptions;
using SoftshrinkFuncOptions = SoftshrinkOptions;
using ThresholdFuncOptions = ThresholdOptions;
using CosineSimilarityFuncOptions = CosineSimilarityOptions;
using PairwiseDistanceFuncOptions = PairwiseDistanceOptions;
using FoldFuncOptions = FoldOptions;
using UnfoldFuncOptions = UnfoldOptions;
using LocalResponseNormFuncOptions = LocalResponseNormOptions;
using PixelShuffleFuncOptions = PixelShuffleOptions;
using PixelUnshuffleFuncOptions = PixelUnshuffleOptions;
using AvgPool1dFuncOptions = AvgPool1dOptions;
using AvgPool2dFuncOptions = AvgPool2dOptions;
using AvgPool3dFuncOptions = AvgPool3dOptions;
using MaxPool1dFuncOptions = MaxPool1dOptions;
using MaxPool2dFuncOptions = MaxPool2dOptions;
using MaxPool3dFuncOptions = MaxPool3dOptions;
using AdaptiveMaxPool1dFuncOptions = AdaptiveMaxPool1dOptions;
using AdaptiveMaxPool2dFuncOptions = AdaptiveMaxPool2dOptions;
using AdaptiveMaxPool3dFuncOptions = AdaptiveMaxPool3dOptions;
using AdaptiveAvgPool1dFuncOptions = AdaptiveAvgPool1dOptions;
using AdaptiveAvgPool2dFuncOptions = AdaptiveAvgPool2dOptions;
using AdaptiveAvgPool3dFuncOptions = AdaptiveAvgPool3dOptions;
using FractionalMaxPool2dFuncOptions = FractionalMaxPool2dOptions;
using FractionalMaxPool3dFuncOptions = FractionalMaxPool3dOptions;
using LPPool1dFuncOptions = LPPool1dOptions;
using LPPool2dFuncOptions = LPPool2dOptions;
using L1LossFuncOptions = L1LossOptions;
using KLDivFuncOptions = KLDivLossOptions;
using MSELossFuncOptions = MSELossOptions;
using BinaryCrossEntropyFuncOptions = BCELossOptions;
using HingeEmbeddingLossFuncOptions = HingeEmbeddingLossOptions;
using MultiMarginLossFuncOptions = MultiMarginLossOptions;
using CosineEmbeddingLossFuncOptions = CosineEmbeddingLossOptions;
using MultilabelMarginLossFuncOptions = MultiLabelMarginLossOptions;
using SoftMarginLossFuncOptions = SoftMarginLossOptions;
using MultilabelSoftMarginLossFuncOptions = MultiLabelSoftMarginLossOptions;
using TripletMarginLossFuncOptions = TripletMarginLossOptions;
using TripletMarginWithDistanceLossFuncOptions = TripletMarginWithDistanceLossOptions;
using CTCLossFuncOptions = CTCLossOptions;
using SmoothL1LossFuncOptions = SmoothL1LossOptions;
using HuberLossFuncOptions = HuberLossOptions;
using PoissonNLLLossFuncOptions = PoissonNLLLossOptions;
using MarginRankingLossFuncOptions = MarginRankingLossOptions;
using NLLLossFuncOptions = NLLLossOptions;
using CrossEntropyFuncOptions = CrossEntropyLossOptions;
using BinaryCrossEntropyWithLogitsFuncOptions = BCEWithLogitsLossOptions;

#define CKPT_DIM_DTYPE_FUNC_OPTIONS(Name)         \
  struct Name##FuncOptions {                      \
    Name##FuncOptions(int64_t dim);               \
    CKPT_ARG(int64_t, dim);                       \
    CKPT_ARG(c10::optional<torch::Dtype>, dtype); \
  };
CKPT_DIM_DTYPE_FUNC_OPTIONS(Softmax)
CKPT_DIM_DTYPE_FUNC_OPTIONS(Softmin)
CKPT_DIM_DTYPE_FUNC_OPTIONS(LogSoftmax)
#undef CKPT_DIM_DTYPE_FUNC_OPTIONS
struct RReLUFuncOptions {
  RReLUFuncOptions();
  CKPT_ARG(double, lower);
  CKPT_ARG(double, upper);
  CKPT_ARG(bool, training);
  CKPT_ARG(bool, inplace);
};
struct GumbelSoftmaxFuncOptions {
  GumbelSoftmaxFuncOptions();
  CKPT_ARG(double, tau);
  CKPT_ARG(bool, hard);
  CKPT_ARG(int, dim);
};
#define CKPT_DROPOUT_FUNC_OPTIONS(Name) \
  struct Name {                         \
    Name(double p = 0.5);               \
    CKPT_ARG(double, p);                \
    CKPT_ARG(bool, training);           \
    CKPT_ARG(bool, inplace);            \
  };
CKPT_DROPOUT_FUNC_OPTIONS(DropoutFuncOptions)
CKPT_DROPOUT_FUNC_OPTIONS(AlphaDropoutFuncOptions)
CKPT_DROPOUT_FUNC_OPTIONS(FeatureAlphaDropoutFuncOptions)
#undef CKPT_DROPOUT_FUNC_OPTIONS
using Dropout2dFuncOptions = DropoutFuncOptions;
using Dropout3dFuncOptions = DropoutFuncOptions;
struct BatchNormFuncOptions {
  BatchNormFuncOptions();
  CKPT_ARG(at::Tensor, weight);
  CKPT_ARG(at::Tensor, bias);
  CKPT_ARG(bool, training);
  CKPT_ARG(c10::optional<double>, momentum);
  CKPT_ARG(double, eps);
};
struct InstanceNormFuncOptions {
  InstanceNormFuncOptions();
  CKPT_ARG(at::Tensor, running_mean);
  CKPT_ARG(at::Tensor, running_var);
  CKPT_ARG(at::Tensor, weight);
  CKPT_ARG(at::Tensor, bias);
  CKPT_ARG(bool, use_input_stats);
  CKPT_ARG(double, momentum);
  CKPT_ARG(double, eps);
};
struct LayerNormFuncOptions {
  LayerNormFuncOptions(std::vector<int64_t> normalized_shape);
  CKPT_ARG(std::vector<int64_t>, normalized_shape);
  CKPT_ARG(at::Tensor, weight);
  CKPT_ARG(at::Tensor, bias);
  CKPT_ARG(double, eps);
};
struct GroupNormFuncOptions {
  GroupNormFuncOptions(int64_t num_groups);
  CKPT_ARG(int64_t, num_groups);
  CKPT_ARG(at::Tensor, weight);
  CKPT_ARG(at::Tensor, bias);
  CKPT_ARG(double, eps);
};
struct NormalizeFuncOptions {
  NormalizeFuncOptions();
  CKPT_ARG(double, p);
  CKPT_ARG(int64_t, dim);
  CKPT_ARG(double, eps);
  CKPT_ARG(c10::optional<at::Tensor>, out);
};
template <size_t D>
struct ConvFuncOptions {
  using padding_t = torch::nn::detail::conv_padding_t<D>;
  ConvFuncOptions();
  CKPT_ARG(at::Tensor, bias);
  CKPT_ARG(ExpandingArray<D>, stride);
  CKPT_ARG(padding_t, padding);
  decltype(auto) padding(std::initializer_list<int64_t> il) { return padding(padding_t(ExpandingArray<D>(il))); }
  CKPT_ARG(ExpandingArray<D>, dilation);
  CKPT_ARG(int64_t, groups);
};
using Conv1dFuncOptions = ConvFuncOptions<1>;
using Conv2dFuncOptions = ConvFuncOptions<2>;
using Conv3dFuncOptions = ConvFuncOptions<3>;
template <size_t D>
struct ConvTransposeFuncOptions {
  ConvTransposeFuncOptions();
  CKPT_ARG(at::Tensor, bias);
  CKPT_ARG(ExpandingArray<D>, stride);
  CKPT_ARG(ExpandingArray<D>, padding);
  CKPT_ARG(ExpandingArray<D>, output_padding);
  CKPT_ARG(int64_t, groups);
  CKPT_ARG(ExpandingArray<D>, dilation);
};
using ConvTranspose1dFuncOptions = ConvTransposeFuncOptions<1>;
using ConvTranspose2dFuncOptions = ConvTransposeFuncOptions<2>;
using ConvTranspose3dFuncOptions = ConvTransposeFuncOptions<3>;
struct EmbeddingFuncOptions {
  EmbeddingFuncOptions();
  CKPT_ARG(c10::optional<int64_t>, padding_idx);
  CKPT_ARG(c10::optional<double>, max_norm);
  CKPT_ARG(double, norm_type);
  CKPT_ARG(bool, scale_grad_by_freq);
  CKPT_ARG(bool, sparse);
};
struct EmbeddingBagFuncOptions {
  EmbeddingBagFuncOptions();
  CKPT_ARG(at::Tensor, offsets);
  CKPT_ARG(c10::optional<double>, max_norm);
  CKPT_ARG(double, norm_type);
  CKPT_ARG(bool, scale_grad_by_freq);
  CKPT_ARG(EmbeddingBagMode, mode);
  CKPT_ARG(bool, sparse);
  CKPT_ARG(at::Tensor, per_sample_weights);
  CKPT_ARG(bool, include_last_offset);
  CKPT_ARG(c10::optional<int64_t>, padding_idx);
};
template <size_t D>
struct MaxUnpoolFuncOptions {
  MaxUnpoolFuncOptions(ExpandingArray<D> kernel_size);
  CKPT_ARG(ExpandingArray<D>, kernel_size);
  CKPT_ARG(ExpandingArray<D>, stride);
  CKPT_ARG(ExpandingArray<D>, padding);
  CKPT_ARG(c10::optional<std::vector<int64_t>>, output_size);
};
using MaxUnpool1dFuncOptions = MaxUnpoolFuncOptions<1>;
using MaxUnpool2dFuncOptions = MaxUnpoolFuncOptions<2>;
using MaxUnpool3dFuncOptions = MaxUnpoolFuncOptions<3>;
struct PadFuncOptions {
  using mode_t = c10::variant<enumtype::kConstant, enumtype::kReflect, enumtype::kReplicate, enumtype::kCircular>;
  PadFuncOptions(std::vector<int64_t> pad);
  CKPT_ARG(std::vector<int64_t>, pad);
  CKPT_ARG(mode_t, mode);
  CKPT_ARG(double, value);
};
struct InterpolateFuncOptions {
  using mode_t = c10::variant<enumtype::kNearest, enumtype::kLinear, enumtype::kBilinear, enumtype::kBicubic,
                              enumtype::kTrilinear, enumtype::kArea, enumtype::kNearestExact>;
  InterpolateFuncOptions();
  CKPT_ARG(c10::optional<std::vector<int64_t>>, size);
  CKPT_ARG(c10::optional<std::vector<double>>, scale_factor);
  CKPT_ARG(mode_t, mode);
  CKPT_ARG(c10::optional<bool>, align_corners);
  CKPT_ARG(c10::optional<bool>, recompute_scale_factor);
  CKPT_ARG(bool, antialias);
};
struct GridSampleFuncOptions {
  using mode_t = c10::variant<enumtype::kBilinear, enumtype::kNearest>;
  using padding_mode_t = c10::variant<enumtype::kZeros, enumtype::kBorder, enumtype::kReflection>;
  GridSampleFuncOptions();
  CKPT_ARG(mode_t, mode);
  CKPT_ARG(padding_mode_t, padding_mode);
  CKPT_ARG(c10::optional<bool>, align_corners);
};
}  // namespace functional

}  // namespace nn
}  // namespace torch
