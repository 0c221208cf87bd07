// Meta LibTorch, part 5: the options of every torch::nn layer and functional
// (Conv2dOptions(3, 64, 3).stride(2).bias(false)), with LibTorch's names,
// constructor arguments and defaults. The static analysis reads the options a
// model sets by these names; at construction the layers read their values.
// See c10.h.
#pragma once

#include "module.h"

// One option: a setter returning the options (for chaining), getters, and the
// value; CKPT_ARG_D gives the default LibTorch gives it.
#define CKPT_ARG_ACCESSORS(T, name)                                  \
 public:                                                             \
  inline auto name(const T& new_##name)->decltype(*this) {           \
    this->name##_ = new_##name;                                      \
    return *this;                                                    \
  }                                                                  \
  inline auto name(T&& new_##name)->decltype(*this) {                \
    this->name##_ = std::move(new_##name);                           \
    return *this;                                                    \
  }                                                                  \
  inline const T& name() const noexcept { return this->name##_; }    \
  inline T& name() noexcept { return this->name##_; }
#define CKPT_ARG(T, name)      \
  CKPT_ARG_ACCESSORS(T, name)  \
 private:                      \
  T name##_;                   \
                               \
 public:                       \
  static_assert(true, "")
#define CKPT_ARG_D(T, name, ...)   \
  CKPT_ARG_ACCESSORS(T, name)      \
 private:                          \
  T name##_ = __VA_ARGS__;         \
                                   \
 public:                           \
  static_assert(true, "")

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
  LinearOptions(int64_t in_features, int64_t out_features) : in_features_(std::move(in_features)), out_features_(std::move(out_features)) {}
  CKPT_ARG(int64_t, in_features);
  CKPT_ARG(int64_t, out_features);
  CKPT_ARG_D(bool, bias, true);
};
struct BilinearOptions {
  BilinearOptions(int64_t in1_features, int64_t in2_features, int64_t out_features) : in1_features_(std::move(in1_features)), in2_features_(std::move(in2_features)), out_features_(std::move(out_features)) {}
  CKPT_ARG(int64_t, in1_features);
  CKPT_ARG(int64_t, in2_features);
  CKPT_ARG(int64_t, out_features);
  CKPT_ARG_D(bool, bias, true);
};
struct FlattenOptions {
  FlattenOptions() {}
  CKPT_ARG_D(int64_t, start_dim, 1);
  CKPT_ARG_D(int64_t, end_dim, -1);
};
struct UnflattenOptions {
  using namedshape_t = std::vector<std::pair<std::string, int64_t>>;
  UnflattenOptions(int64_t dim, std::vector<int64_t> sizes) : dim_(std::move(dim)), sizes_(std::move(sizes)) {}
  UnflattenOptions(const char* dimname, namedshape_t namedshape) : dimname_(std::move(dimname)), namedshape_(std::move(namedshape)) {}
  UnflattenOptions(std::string dimname, namedshape_t namedshape) : dimname_(std::move(dimname)), namedshape_(std::move(namedshape)) {}
  CKPT_ARG(int64_t, dim);
  CKPT_ARG(std::string, dimname);
  CKPT_ARG(std::vector<int64_t>, sizes);
  CKPT_ARG(namedshape_t, namedshape);
};
struct IdentityOptions {
  IdentityOptions() {}
};

// ---- convolutions ---------------------------------------------------------------
template <size_t D>
struct ConvOptions {
  using padding_mode_t = detail::conv_padding_mode_t;
  using padding_t = detail::conv_padding_t<D>;
  ConvOptions(int64_t in_channels, int64_t out_channels, ExpandingArray<D> kernel_size) : in_channels_(std::move(in_channels)), out_channels_(std::move(out_channels)), kernel_size_(std::move(kernel_size)) {}
  CKPT_ARG(int64_t, in_channels);
  CKPT_ARG(int64_t, out_channels);
  CKPT_ARG(ExpandingArray<D>, kernel_size);
  CKPT_ARG_D(ExpandingArray<D>, stride, 1);
  CKPT_ARG_D(padding_t, padding, 0);
  decltype(auto) padding(std::initializer_list<int64_t> il) { return padding(padding_t(ExpandingArray<D>(il))); }
  CKPT_ARG_D(ExpandingArray<D>, dilation, 1);
  CKPT_ARG_D(int64_t, groups, 1);
  CKPT_ARG_D(bool, bias, true);
  CKPT_ARG_D(padding_mode_t, padding_mode, torch::kZeros);
};
using Conv1dOptions = ConvOptions<1>;
using Conv2dOptions = ConvOptions<2>;
using Conv3dOptions = ConvOptions<3>;

template <size_t D>
struct ConvTransposeOptions {
  using padding_mode_t = detail::conv_padding_mode_t;
  ConvTransposeOptions(int64_t in_channels, int64_t out_channels, ExpandingArray<D> kernel_size) : in_channels_(std::move(in_channels)), out_channels_(std::move(out_channels)), kernel_size_(std::move(kernel_size)) {}
  CKPT_ARG(int64_t, in_channels);
  CKPT_ARG(int64_t, out_channels);
  CKPT_ARG(ExpandingArray<D>, kernel_size);
  CKPT_ARG_D(ExpandingArray<D>, stride, 1);
  CKPT_ARG_D(ExpandingArray<D>, padding, 0);
  CKPT_ARG_D(ExpandingArray<D>, output_padding, 0);
  CKPT_ARG_D(int64_t, groups, 1);
  CKPT_ARG_D(bool, bias, true);
  CKPT_ARG_D(ExpandingArray<D>, dilation, 1);
  CKPT_ARG_D(padding_mode_t, padding_mode, torch::kZeros);
};
using ConvTranspose1dOptions = ConvTransposeOptions<1>;
using ConvTranspose2dOptions = ConvTransposeOptions<2>;
using ConvTranspose3dOptions = ConvTransposeOptions<3>;

struct FoldOptions {
  FoldOptions(ExpandingArray<2> output_size, ExpandingArray<2> kernel_size) : output_size_(std::move(output_size)), kernel_size_(std::move(kernel_size)) {}
  CKPT_ARG(ExpandingArray<2>, output_size);
  CKPT_ARG(ExpandingArray<2>, kernel_size);
  CKPT_ARG_D(ExpandingArray<2>, dilation, 1);
  CKPT_ARG_D(ExpandingArray<2>, padding, 0);
  CKPT_ARG_D(ExpandingArray<2>, stride, 1);
};
struct UnfoldOptions {
  UnfoldOptions(ExpandingArray<2> kernel_size) : kernel_size_(std::move(kernel_size)) {}
  CKPT_ARG(ExpandingArray<2>, kernel_size);
  CKPT_ARG_D(ExpandingArray<2>, dilation, 1);
  CKPT_ARG_D(ExpandingArray<2>, padding, 0);
  CKPT_ARG_D(ExpandingArray<2>, stride, 1);
};

// ---- normalization -----------------------------------------------------------
struct BatchNormOptions {
  BatchNormOptions(int64_t num_features) : num_features_(std::move(num_features)) {}
  CKPT_ARG(int64_t, num_features);
  CKPT_ARG_D(double, eps, 1e-5);
  CKPT_ARG_D(c10::optional<double>, momentum, 0.1);
  CKPT_ARG_D(bool, affine, true);
  CKPT_ARG_D(bool, track_running_stats, true);
};
using BatchNorm1dOptions = BatchNormOptions;
using BatchNorm2dOptions = BatchNormOptions;
using BatchNorm3dOptions = BatchNormOptions;

struct InstanceNormOptions {
  InstanceNormOptions(int64_t num_features) : num_features_(std::move(num_features)) {}
  CKPT_ARG(int64_t, num_features);
  CKPT_ARG_D(double, eps, 1e-5);
  CKPT_ARG_D(double, momentum, 0.1);
  CKPT_ARG_D(bool, affine, false);
  CKPT_ARG_D(bool, track_running_stats, false);
};
using InstanceNorm1dOptions = InstanceNormOptions;
using InstanceNorm2dOptions = InstanceNormOptions;
using InstanceNorm3dOptions = InstanceNormOptions;

struct LayerNormOptions {
  LayerNormOptions(std::vector<int64_t> normalized_shape) : normalized_shape_(std::move(normalized_shape)) {}
  CKPT_ARG(std::vector<int64_t>, normalized_shape);
  CKPT_ARG_D(double, eps, 1e-5);
  CKPT_ARG_D(bool, elementwise_affine, true);
};
struct GroupNormOptions {
  GroupNormOptions(int64_t num_groups, int64_t num_channels) : num_groups_(std::move(num_groups)), num_channels_(std::move(num_channels)) {}
  CKPT_ARG(int64_t, num_groups);
  CKPT_ARG(int64_t, num_channels);
  CKPT_ARG_D(double, eps, 1e-5);
  CKPT_ARG_D(bool, affine, true);
};
struct LocalResponseNormOptions {
  LocalResponseNormOptions(int64_t size) : size_(std::move(size)) {}
  CKPT_ARG(int64_t, size);
  CKPT_ARG_D(double, alpha, 1e-4);
  CKPT_ARG_D(double, beta, 0.75);
  CKPT_ARG_D(double, k, 1.);
};
struct CrossMapLRN2dOptions {
  CrossMapLRN2dOptions(int64_t size) : size_(std::move(size)) {}
  CKPT_ARG(int64_t, size);
  CKPT_ARG_D(double, alpha, 1e-4);
  CKPT_ARG_D(double, beta, 0.75);
  CKPT_ARG_D(int64_t, k, 1);
};

// ---- embeddings ------------------------------------------------------------------
struct EmbeddingOptions {
  EmbeddingOptions(int64_t num_embeddings, int64_t embedding_dim) : num_embeddings_(std::move(num_embeddings)), embedding_dim_(std::move(embedding_dim)) {}
  CKPT_ARG(int64_t, num_embeddings);
  CKPT_ARG(int64_t, embedding_dim);
  CKPT_ARG_D(c10::optional<int64_t>, padding_idx, c10::nullopt);
  CKPT_ARG_D(c10::optional<double>, max_norm, c10::nullopt);
  CKPT_ARG_D(double, norm_type, 2.);
  CKPT_ARG_D(bool, scale_grad_by_freq, false);
  CKPT_ARG_D(bool, sparse, false);
  CKPT_ARG_D(at::Tensor, _weight, Tensor());
};
struct EmbeddingFromPretrainedOptions {
  EmbeddingFromPretrainedOptions() {}
  CKPT_ARG_D(bool, freeze, true);
  CKPT_ARG_D(c10::optional<int64_t>, padding_idx, c10::nullopt);
  CKPT_ARG_D(c10::optional<double>, max_norm, c10::nullopt);
  CKPT_ARG_D(double, norm_type, 2.);
  CKPT_ARG_D(bool, scale_grad_by_freq, false);
  CKPT_ARG_D(bool, sparse, false);
};
struct EmbeddingBagOptions {
  EmbeddingBagOptions(int64_t num_embeddings, int64_t embedding_dim) : num_embeddings_(std::move(num_embeddings)), embedding_dim_(std::move(embedding_dim)) {}
  CKPT_ARG(int64_t, num_embeddings);
  CKPT_ARG(int64_t, embedding_dim);
  CKPT_ARG_D(c10::optional<double>, max_norm, c10::nullopt);
  CKPT_ARG_D(double, norm_type, 2.);
  CKPT_ARG_D(bool, scale_grad_by_freq, false);
  CKPT_ARG_D(EmbeddingBagMode, mode, torch::kMean);
  CKPT_ARG_D(bool, sparse, false);
  CKPT_ARG_D(at::Tensor, _weight, Tensor());
  CKPT_ARG_D(bool, include_last_offset, false);
  CKPT_ARG_D(c10::optional<int64_t>, padding_idx, c10::nullopt);
};
struct EmbeddingBagFromPretrainedOptions {
  EmbeddingBagFromPretrainedOptions() {}
  CKPT_ARG_D(bool, freeze, true);
  CKPT_ARG_D(c10::optional<double>, max_norm, c10::nullopt);
  CKPT_ARG_D(double, norm_type, 2.);
  CKPT_ARG_D(bool, scale_grad_by_freq, false);
  CKPT_ARG_D(EmbeddingBagMode, mode, torch::kMean);
  CKPT_ARG_D(bool, sparse, false);
  CKPT_ARG_D(bool, include_last_offset, false);
  CKPT_ARG_D(c10::optional<int64_t>, padding_idx, c10::nullopt);
};

// ---- recurrent -----------------------------------------------------------------------
struct RNNOptions {
  using nonlinearity_t = c10::variant<enumtype::kTanh, enumtype::kReLU>;
  RNNOptions(int64_t input_size, int64_t hidden_size) : input_size_(std::move(input_size)), hidden_size_(std::move(hidden_size)) {}
  CKPT_ARG(int64_t, input_size);
  CKPT_ARG(int64_t, hidden_size);
  CKPT_ARG_D(int64_t, num_layers, 1);
  CKPT_ARG_D(nonlinearity_t, nonlinearity, torch::kTanh);
  CKPT_ARG_D(bool, bias, true);
  CKPT_ARG_D(bool, batch_first, false);
  CKPT_ARG_D(double, dropout, 0.0);
  CKPT_ARG_D(bool, bidirectional, false);
};
struct LSTMOptions {
  LSTMOptions(int64_t input_size, int64_t hidden_size) : input_size_(std::move(input_size)), hidden_size_(std::move(hidden_size)) {}
  CKPT_ARG(int64_t, input_size);
  CKPT_ARG(int64_t, hidden_size);
  CKPT_ARG_D(int64_t, num_layers, 1);
  CKPT_ARG_D(bool, bias, true);
  CKPT_ARG_D(bool, batch_first, false);
  CKPT_ARG_D(double, dropout, 0.0);
  CKPT_ARG_D(bool, bidirectional, false);
  CKPT_ARG_D(int64_t, proj_size, 0);
};
struct GRUOptions {
  GRUOptions(int64_t input_size, int64_t hidden_size) : input_size_(std::move(input_size)), hidden_size_(std::move(hidden_size)) {}
  CKPT_ARG(int64_t, input_size);
  CKPT_ARG(int64_t, hidden_size);
  CKPT_ARG_D(int64_t, num_layers, 1);
  CKPT_ARG_D(bool, bias, true);
  CKPT_ARG_D(bool, batch_first, false);
  CKPT_ARG_D(double, dropout, 0.0);
  CKPT_ARG_D(bool, bidirectional, false);
};
struct RNNCellOptions {
  using nonlinearity_t = c10::variant<enumtype::kTanh, enumtype::kReLU>;
  RNNCellOptions(int64_t input_size, int64_t hidden_size) : input_size_(std::move(input_size)), hidden_size_(std::move(hidden_size)) {}
  CKPT_ARG(int64_t, input_size);
  CKPT_ARG(int64_t, hidden_size);
  CKPT_ARG_D(bool, bias, true);
  CKPT_ARG_D(nonlinearity_t, nonlinearity, torch::kTanh);
};
struct LSTMCellOptions {
  LSTMCellOptions(int64_t input_size, int64_t hidden_size) : input_size_(std::move(input_size)), hidden_size_(std::move(hidden_size)) {}
  CKPT_ARG(int64_t, input_size);
  CKPT_ARG(int64_t, hidden_size);
  CKPT_ARG_D(bool, bias, true);
};
struct GRUCellOptions {
  GRUCellOptions(int64_t input_size, int64_t hidden_size) : input_size_(std::move(input_size)), hidden_size_(std::move(hidden_size)) {}
  CKPT_ARG(int64_t, input_size);
  CKPT_ARG(int64_t, hidden_size);
  CKPT_ARG_D(bool, bias, true);
};

// ---- attention and transformers -------------------------------------------------------
struct MultiheadAttentionOptions {
  // kdim and vdim default to embed_dim.
  MultiheadAttentionOptions(int64_t embed_dim, int64_t num_heads)
      : embed_dim_(embed_dim), num_heads_(num_heads), kdim_(embed_dim), vdim_(embed_dim) {}
  CKPT_ARG(int64_t, embed_dim);
  CKPT_ARG(int64_t, num_heads);
  CKPT_ARG_D(double, dropout, 0.0);
  CKPT_ARG_D(bool, bias, true);
  CKPT_ARG_D(bool, add_bias_kv, false);
  CKPT_ARG_D(bool, add_zero_attn, false);
  CKPT_ARG(int64_t, kdim);
  CKPT_ARG(int64_t, vdim);
};
struct TransformerEncoderLayerOptions {
  TransformerEncoderLayerOptions(int64_t d_model, int64_t nhead) : d_model_(std::move(d_model)), nhead_(std::move(nhead)) {}
  CKPT_ARG(int64_t, d_model);
  CKPT_ARG(int64_t, nhead);
  CKPT_ARG_D(int64_t, dim_feedforward, 2048);
  CKPT_ARG_D(double, dropout, 0.1);
  CKPT_ARG_D(activation_t, activation, torch::kReLU);
};
struct TransformerDecoderLayerOptions {
  TransformerDecoderLayerOptions(int64_t d_model, int64_t nhead) : d_model_(std::move(d_model)), nhead_(std::move(nhead)) {}
  CKPT_ARG(int64_t, d_model);
  CKPT_ARG(int64_t, nhead);
  CKPT_ARG_D(int64_t, dim_feedforward, 2048);
  CKPT_ARG_D(double, dropout, 0.1);
  CKPT_ARG_D(activation_t, activation, torch::kReLU);
};
struct TransformerOptions {
  TransformerOptions() {}
  TransformerOptions(int64_t d_model, int64_t nhead) : d_model_(std::move(d_model)), nhead_(std::move(nhead)) {}
  TransformerOptions(int64_t d_model, int64_t nhead, int64_t num_encoder_layers, int64_t num_decoder_layers) : d_model_(std::move(d_model)), nhead_(std::move(nhead)), num_encoder_layers_(std::move(num_encoder_layers)), num_decoder_layers_(std::move(num_decoder_layers)) {}
  CKPT_ARG_D(int64_t, d_model, 512);
  CKPT_ARG_D(int64_t, nhead, 8);
  CKPT_ARG_D(int64_t, num_encoder_layers, 6);
  CKPT_ARG_D(int64_t, num_decoder_layers, 6);
  CKPT_ARG_D(int64_t, dim_feedforward, 2048);
  CKPT_ARG_D(double, dropout, 0.1);
  CKPT_ARG_D(activation_t, activation, torch::kReLU);
  CKPT_ARG_D(AnyModule, custom_encoder, AnyModule());
  CKPT_ARG_D(AnyModule, custom_decoder, AnyModule());
};

// ---- activations -------------------------------------------------------------------
#define CKPT_INPLACE_OPTIONS(Name) \
  struct Name##Options {           \
    Name##Options(bool inplace = false) : inplace_(inplace) {} \
    CKPT_ARG(bool, inplace);       \
  };
CKPT_INPLACE_OPTIONS(ReLU)
CKPT_INPLACE_OPTIONS(ReLU6)
CKPT_INPLACE_OPTIONS(SELU)
#undef CKPT_INPLACE_OPTIONS
struct ELUOptions {
  ELUOptions() {}
  CKPT_ARG_D(double, alpha, 1.0);
  CKPT_ARG_D(bool, inplace, false);
};
struct CELUOptions {
  CELUOptions() {}
  CKPT_ARG_D(double, alpha, 1.0);
  CKPT_ARG_D(bool, inplace, false);
};
struct GLUOptions {
  GLUOptions(int64_t dim = -1) : dim_(std::move(dim)) {}
  CKPT_ARG(int64_t, dim);
};
struct GELUOptions {
  GELUOptions() {}
  CKPT_ARG_D(std::string, approximate, "none");
};
struct HardshrinkOptions {
  HardshrinkOptions(double lambda = 0.5) : lambda_(std::move(lambda)) {}
  CKPT_ARG(double, lambda);
};
struct SoftshrinkOptions {
  SoftshrinkOptions(double lambda = 0.5) : lambda_(std::move(lambda)) {}
  CKPT_ARG(double, lambda);
};
struct HardtanhOptions {
  HardtanhOptions() {}
  CKPT_ARG_D(double, min_val, -1.0);
  CKPT_ARG_D(double, max_val, 1.0);
  CKPT_ARG_D(bool, inplace, false);
};
struct LeakyReLUOptions {
  LeakyReLUOptions() {}
  CKPT_ARG_D(double, negative_slope, 1e-2);
  CKPT_ARG_D(bool, inplace, false);
};
struct SoftmaxOptions {
  SoftmaxOptions(int64_t dim) : dim_(std::move(dim)) {}
  CKPT_ARG(int64_t, dim);
};
struct SoftminOptions {
  SoftminOptions(int64_t dim) : dim_(std::move(dim)) {}
  CKPT_ARG(int64_t, dim);
};
struct LogSoftmaxOptions {
  LogSoftmaxOptions(int64_t dim) : dim_(std::move(dim)) {}
  CKPT_ARG(int64_t, dim);
};
struct PReLUOptions {
  PReLUOptions() {}
  CKPT_ARG_D(int64_t, num_parameters, 1);
  CKPT_ARG_D(double, init, 0.25);
};
struct RReLUOptions {
  RReLUOptions() {}
  CKPT_ARG_D(double, lower, 1.0 / 8.0);
  CKPT_ARG_D(double, upper, 1.0 / 3.0);
  CKPT_ARG_D(bool, inplace, false);
};
struct SoftplusOptions {
  SoftplusOptions() {}
  CKPT_ARG_D(double, beta, 1.0);
  CKPT_ARG_D(double, threshold, 20.0);
};
struct ThresholdOptions {
  ThresholdOptions(double threshold, double value) : threshold_(std::move(threshold)), value_(std::move(value)) {}
  CKPT_ARG(double, threshold);
  CKPT_ARG(double, value);
  CKPT_ARG_D(bool, inplace, false);
};

// ---- dropout, distance, pixel shuffle ---------------------------------------------------
struct DropoutOptions {
  DropoutOptions(double p = 0.5) : p_(std::move(p)) {}
  CKPT_ARG_D(double, p, 0.5);
  CKPT_ARG_D(bool, inplace, false);
};
using Dropout2dOptions = DropoutOptions;
using Dropout3dOptions = DropoutOptions;
using AlphaDropoutOptions = DropoutOptions;
using FeatureAlphaDropoutOptions = DropoutOptions;
struct CosineSimilarityOptions {
  CosineSimilarityOptions() {}
  CKPT_ARG_D(int64_t, dim, 1);
  CKPT_ARG_D(double, eps, 1e-8);
};
struct PairwiseDistanceOptions {
  PairwiseDistanceOptions() {}
  CKPT_ARG_D(double, p, 2.0);
  CKPT_ARG_D(double, eps, 1e-6);
  CKPT_ARG_D(bool, keepdim, false);
};
struct PixelShuffleOptions {
  PixelShuffleOptions(int64_t upscale_factor) : upscale_factor_(std::move(upscale_factor)) {}
  CKPT_ARG(int64_t, upscale_factor);
};
struct PixelUnshuffleOptions {
  PixelUnshuffleOptions(int64_t downscale_factor) : downscale_factor_(std::move(downscale_factor)) {}
  CKPT_ARG(int64_t, downscale_factor);
};

// ---- pooling ------------------------------------------------------------------------------
template <size_t D>
struct AvgPoolOptions {
  AvgPoolOptions(ExpandingArray<D> kernel_size) : kernel_size_(kernel_size), stride_(kernel_size) {}
  CKPT_ARG(ExpandingArray<D>, kernel_size);
  CKPT_ARG(ExpandingArray<D>, stride);
  CKPT_ARG_D(ExpandingArray<D>, padding, 0);
  CKPT_ARG_D(bool, ceil_mode, false);
  CKPT_ARG_D(bool, count_include_pad, true);
  CKPT_ARG_D(c10::optional<int64_t>, divisor_override, c10::nullopt);
};
using AvgPool1dOptions = AvgPoolOptions<1>;
using AvgPool2dOptions = AvgPoolOptions<2>;
using AvgPool3dOptions = AvgPoolOptions<3>;
template <size_t D>
struct MaxPoolOptions {
  MaxPoolOptions(ExpandingArray<D> kernel_size) : kernel_size_(kernel_size), stride_(kernel_size) {}
  CKPT_ARG(ExpandingArray<D>, kernel_size);
  CKPT_ARG(ExpandingArray<D>, stride);
  CKPT_ARG_D(ExpandingArray<D>, padding, 0);
  CKPT_ARG_D(ExpandingArray<D>, dilation, 1);
  CKPT_ARG_D(bool, ceil_mode, false);
};
using MaxPool1dOptions = MaxPoolOptions<1>;
using MaxPool2dOptions = MaxPoolOptions<2>;
using MaxPool3dOptions = MaxPoolOptions<3>;
template <typename output_size_t>
struct AdaptiveMaxPoolOptions {
  AdaptiveMaxPoolOptions(output_size_t output_size) : output_size_(std::move(output_size)) {}
  CKPT_ARG(output_size_t, output_size);
};
using AdaptiveMaxPool1dOptions = AdaptiveMaxPoolOptions<ExpandingArray<1>>;
using AdaptiveMaxPool2dOptions = AdaptiveMaxPoolOptions<ExpandingArrayWithOptionalElem<2>>;
using AdaptiveMaxPool3dOptions = AdaptiveMaxPoolOptions<ExpandingArrayWithOptionalElem<3>>;
template <typename output_size_t>
struct AdaptiveAvgPoolOptions {
  AdaptiveAvgPoolOptions(output_size_t output_size) : output_size_(std::move(output_size)) {}
  CKPT_ARG(output_size_t, output_size);
};
using AdaptiveAvgPool1dOptions = AdaptiveAvgPoolOptions<ExpandingArray<1>>;
using AdaptiveAvgPool2dOptions = AdaptiveAvgPoolOptions<ExpandingArrayWithOptionalElem<2>>;
using AdaptiveAvgPool3dOptions = AdaptiveAvgPoolOptions<ExpandingArrayWithOptionalElem<3>>;
template <size_t D>
struct MaxUnpoolOptions {
  MaxUnpoolOptions(ExpandingArray<D> kernel_size) : kernel_size_(kernel_size), stride_(kernel_size) {}
  CKPT_ARG(ExpandingArray<D>, kernel_size);
  CKPT_ARG(ExpandingArray<D>, stride);
  CKPT_ARG_D(ExpandingArray<D>, padding, 0);
};
using MaxUnpool1dOptions = MaxUnpoolOptions<1>;
using MaxUnpool2dOptions = MaxUnpoolOptions<2>;
using MaxUnpool3dOptions = MaxUnpoolOptions<3>;
template <size_t D>
struct FractionalMaxPoolOptions {
  FractionalMaxPoolOptions(ExpandingArray<D> kernel_size) : kernel_size_(std::move(kernel_size)) {}
  CKPT_ARG(ExpandingArray<D>, kernel_size);
  CKPT_ARG_D(c10::optional<ExpandingArray<D>>, output_size, c10::nullopt);
  using output_ratio_t = c10::optional<ExpandingArray<D, double>>;
  CKPT_ARG_D(output_ratio_t, output_ratio, c10::nullopt);
  CKPT_ARG_D(at::Tensor, _random_samples, Tensor());
};
using FractionalMaxPool2dOptions = FractionalMaxPoolOptions<2>;
using FractionalMaxPool3dOptions = FractionalMaxPoolOptions<3>;
template <size_t D>
struct LPPoolOptions {
  LPPoolOptions(double norm_type, ExpandingArray<D> kernel_size)
      : norm_type_(norm_type), kernel_size_(kernel_size), stride_(kernel_size) {}
  CKPT_ARG(double, norm_type);
  CKPT_ARG(ExpandingArray<D>, kernel_size);
  CKPT_ARG(ExpandingArray<D>, stride);
  CKPT_ARG_D(bool, ceil_mode, false);
};
using LPPool1dOptions = LPPoolOptions<1>;
using LPPool2dOptions = LPPoolOptions<2>;

// ---- padding and upsampling ------------------------------------------------------------
template <size_t D>
struct ReflectionPadOptions {
  ReflectionPadOptions(ExpandingArray<D * 2> padding) : padding_(std::move(padding)) {}
  CKPT_ARG(ExpandingArray<D * 2>, padding);
};
using ReflectionPad1dOptions = ReflectionPadOptions<1>;
using ReflectionPad2dOptions = ReflectionPadOptions<2>;
using ReflectionPad3dOptions = ReflectionPadOptions<3>;
template <size_t D>
struct ReplicationPadOptions {
  ReplicationPadOptions(ExpandingArray<D * 2> padding) : padding_(std::move(padding)) {}
  CKPT_ARG(ExpandingArray<D * 2>, padding);
};
using ReplicationPad1dOptions = ReplicationPadOptions<1>;
using ReplicationPad2dOptions = ReplicationPadOptions<2>;
using ReplicationPad3dOptions = ReplicationPadOptions<3>;
struct ZeroPad2dOptions {
  ZeroPad2dOptions(ExpandingArray<4> padding) : padding_(std::move(padding)) {}
  CKPT_ARG(ExpandingArray<4>, padding);
};
template <size_t D>
struct ConstantPadOptions {
  ConstantPadOptions(ExpandingArray<D * 2> padding, double value) : padding_(std::move(padding)), value_(std::move(value)) {}
  CKPT_ARG(ExpandingArray<D * 2>, padding);
  CKPT_ARG(double, value);
};
using ConstantPad1dOptions = ConstantPadOptions<1>;
using ConstantPad2dOptions = ConstantPadOptions<2>;
using ConstantPad3dOptions = ConstantPadOptions<3>;
struct UpsampleOptions {
  using mode_t = c10::variant<enumtype::kNearest, enumtype::kLinear, enumtype::kBilinear, enumtype::kBicubic,
                              enumtype::kTrilinear>;
  UpsampleOptions() {}
  CKPT_ARG_D(c10::optional<std::vector<int64_t>>, size, c10::nullopt);
  CKPT_ARG_D(c10::optional<std::vector<double>>, scale_factor, c10::nullopt);
  CKPT_ARG_D(mode_t, mode, torch::kNearest);
  CKPT_ARG_D(c10::optional<bool>, align_corners, c10::nullopt);
};

// ---- adaptive softmax and losses -----------------------------------------------------------
struct AdaptiveLogSoftmaxWithLossOptions {
  AdaptiveLogSoftmaxWithLossOptions(int64_t in_features, int64_t n_classes, std::vector<int64_t> cutoffs) : in_features_(std::move(in_features)), n_classes_(std::move(n_classes)), cutoffs_(std::move(cutoffs)) {}
  CKPT_ARG(int64_t, in_features);
  CKPT_ARG(int64_t, n_classes);
  CKPT_ARG(std::vector<int64_t>, cutoffs);
  CKPT_ARG_D(double, div_value, 4.);
  CKPT_ARG_D(bool, head_bias, false);
};
#define CKPT_REDUCTION_ONLY_LOSS_OPTIONS(Name) \
  struct Name##Options {                       \
    Name##Options() {}                         \
    CKPT_ARG_D(reduction_t, reduction, torch::kMean); \
  };
CKPT_REDUCTION_ONLY_LOSS_OPTIONS(L1Loss)
CKPT_REDUCTION_ONLY_LOSS_OPTIONS(MSELoss)
CKPT_REDUCTION_ONLY_LOSS_OPTIONS(MultiLabelMarginLoss)
CKPT_REDUCTION_ONLY_LOSS_OPTIONS(SoftMarginLoss)
#undef CKPT_REDUCTION_ONLY_LOSS_OPTIONS
struct KLDivLossOptions {
  using reduction_t = c10::variant<enumtype::kNone, enumtype::kBatchMean, enumtype::kSum, enumtype::kMean>;
  KLDivLossOptions() {}
  CKPT_ARG_D(reduction_t, reduction, torch::kMean);
  CKPT_ARG_D(bool, log_target, false);
};
struct BCELossOptions {
  BCELossOptions() {}
  CKPT_ARG_D(at::Tensor, weight, {});
  CKPT_ARG_D(reduction_t, reduction, torch::kMean);
};
struct HingeEmbeddingLossOptions {
  HingeEmbeddingLossOptions() {}
  CKPT_ARG_D(double, margin, 1.0);
  CKPT_ARG_D(reduction_t, reduction, torch::kMean);
};
struct MultiMarginLossOptions {
  MultiMarginLossOptions() {}
  CKPT_ARG_D(int64_t, p, 1);
  CKPT_ARG_D(double, margin, 1.0);
  CKPT_ARG_D(at::Tensor, weight, Tensor());
  CKPT_ARG_D(reduction_t, reduction, torch::kMean);
};
struct CosineEmbeddingLossOptions {
  CosineEmbeddingLossOptions() {}
  CKPT_ARG_D(double, margin, 0.0);
  CKPT_ARG_D(reduction_t, reduction, torch::kMean);
};
struct MultiLabelSoftMarginLossOptions {
  MultiLabelSoftMarginLossOptions() {}
  CKPT_ARG_D(at::Tensor, weight, Tensor());
  CKPT_ARG_D(reduction_t, reduction, torch::kMean);
};
struct TripletMarginLossOptions {
  TripletMarginLossOptions() {}
  CKPT_ARG_D(double, margin, 1.0);
  CKPT_ARG_D(double, p, 2.0);
  CKPT_ARG_D(double, eps, 1e-6);
  CKPT_ARG_D(bool, swap, false);
  CKPT_ARG_D(reduction_t, reduction, torch::kMean);
};
struct TripletMarginWithDistanceLossOptions {
  using distance_function_t = std::function<at::Tensor(const at::Tensor&, const at::Tensor&)>;
  TripletMarginWithDistanceLossOptions() {}
  CKPT_ARG_D(c10::optional<distance_function_t>, distance_function, c10::nullopt);
  CKPT_ARG_D(double, margin, 1.0);
  CKPT_ARG_D(bool, swap, false);
  CKPT_ARG_D(reduction_t, reduction, torch::kMean);
};
struct CTCLossOptions {
  CTCLossOptions() {}
  CKPT_ARG_D(int64_t, blank, 0);
  CKPT_ARG_D(reduction_t, reduction, torch::kMean);
  CKPT_ARG_D(bool, zero_infinity, false);
};
struct SmoothL1LossOptions {
  SmoothL1LossOptions() {}
  CKPT_ARG_D(reduction_t, reduction, torch::kMean);
  CKPT_ARG_D(double, beta, 1.0);
};
struct HuberLossOptions {
  HuberLossOptions() {}
  CKPT_ARG_D(reduction_t, reduction, torch::kMean);
  CKPT_ARG_D(double, delta, 1.0);
};
struct PoissonNLLLossOptions {
  PoissonNLLLossOptions() {}
  CKPT_ARG_D(bool, log_input, true);
  CKPT_ARG_D(bool, full, false);
  CKPT_ARG_D(double, eps, 1e-8);
  CKPT_ARG_D(reduction_t, reduction, torch::kMean);
};
struct MarginRankingLossOptions {
  MarginRankingLossOptions() {}
  CKPT_ARG_D(double, margin, 0);
  CKPT_ARG_D(reduction_t, reduction, torch::kMean);
};
struct NLLLossOptions {
  NLLLossOptions() {}
  CKPT_ARG_D(at::Tensor, weight, {});
  CKPT_ARG_D(int64_t, ignore_index, -100);
  CKPT_ARG_D(reduction_t, reduction, torch::kMean);
};
struct CrossEntropyLossOptions {
  CrossEntropyLossOptions() {}
  CKPT_ARG_D(at::Tensor, weight, {});
  CKPT_ARG_D(int64_t, ignore_index, -100);
  CKPT_ARG_D(reduction_t, reduction, torch::kMean);
  CKPT_ARG_D(double, label_smoothing, 0.0);
};
struct BCEWithLogitsLossOptions {
  BCEWithLogitsLossOptions() {}
  CKPT_ARG_D(at::Tensor, weight, {});
  CKPT_ARG_D(reduction_t, reduction, torch::kMean);
  CKPT_ARG_D(at::Tensor, pos_weight, {});
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
    Name##FuncOptions(int64_t dim) : dim_(dim) {} \
    CKPT_ARG(int64_t, dim);                       \
    CKPT_ARG_D(c10::optional<torch::Dtype>, dtype, c10::nullopt); \
  };
CKPT_DIM_DTYPE_FUNC_OPTIONS(Softmax)
CKPT_DIM_DTYPE_FUNC_OPTIONS(Softmin)
CKPT_DIM_DTYPE_FUNC_OPTIONS(LogSoftmax)
#undef CKPT_DIM_DTYPE_FUNC_OPTIONS
struct RReLUFuncOptions {
  RReLUFuncOptions() {}
  CKPT_ARG_D(double, lower, 1.0 / 8.0);
  CKPT_ARG_D(double, upper, 1.0 / 3.0);
  CKPT_ARG_D(bool, training, false);
  CKPT_ARG_D(bool, inplace, false);
};
struct GumbelSoftmaxFuncOptions {
  GumbelSoftmaxFuncOptions() {}
  CKPT_ARG_D(double, tau, 1.0);
  CKPT_ARG_D(bool, hard, false);
  CKPT_ARG_D(int, dim, -1);
};
#define CKPT_DROPOUT_FUNC_OPTIONS(Name) \
  struct Name {                         \
    Name(double p = 0.5) : p_(p) {}     \
    CKPT_ARG(double, p);                \
    CKPT_ARG_D(bool, training, true);   \
    CKPT_ARG_D(bool, inplace, false);   \
  };
CKPT_DROPOUT_FUNC_OPTIONS(DropoutFuncOptions)
CKPT_DROPOUT_FUNC_OPTIONS(AlphaDropoutFuncOptions)
CKPT_DROPOUT_FUNC_OPTIONS(FeatureAlphaDropoutFuncOptions)
#undef CKPT_DROPOUT_FUNC_OPTIONS
using Dropout2dFuncOptions = DropoutFuncOptions;
using Dropout3dFuncOptions = DropoutFuncOptions;
struct BatchNormFuncOptions {
  BatchNormFuncOptions() {}
  CKPT_ARG_D(at::Tensor, weight, Tensor());
  CKPT_ARG_D(at::Tensor, bias, Tensor());
  CKPT_ARG_D(bool, training, false);
  CKPT_ARG_D(c10::optional<double>, momentum, 0.1);
  CKPT_ARG_D(double, eps, 1e-5);
};
struct InstanceNormFuncOptions {
  InstanceNormFuncOptions() {}
  CKPT_ARG_D(at::Tensor, running_mean, Tensor());
  CKPT_ARG_D(at::Tensor, running_var, Tensor());
  CKPT_ARG_D(at::Tensor, weight, Tensor());
  CKPT_ARG_D(at::Tensor, bias, Tensor());
  CKPT_ARG_D(bool, use_input_stats, true);
  CKPT_ARG_D(double, momentum, 0.1);
  CKPT_ARG_D(double, eps, 1e-5);
};
struct LayerNormFuncOptions {
  LayerNormFuncOptions(std::vector<int64_t> normalized_shape) : normalized_shape_(std::move(normalized_shape)) {}
  CKPT_ARG(std::vector<int64_t>, normalized_shape);
  CKPT_ARG_D(at::Tensor, weight, {});
  CKPT_ARG_D(at::Tensor, bias, {});
  CKPT_ARG_D(double, eps, 1e-5);
};
struct GroupNormFuncOptions {
  GroupNormFuncOptions(int64_t num_groups) : num_groups_(std::move(num_groups)) {}
  CKPT_ARG(int64_t, num_groups);
  CKPT_ARG_D(at::Tensor, weight, {});
  CKPT_ARG_D(at::Tensor, bias, {});
  CKPT_ARG_D(double, eps, 1e-5);
};
struct NormalizeFuncOptions {
  NormalizeFuncOptions() {}
  CKPT_ARG_D(double, p, 2.0);
  CKPT_ARG_D(int64_t, dim, 1);
  CKPT_ARG_D(double, eps, 1e-12);
  CKPT_ARG_D(c10::optional<at::Tensor>, out, c10::nullopt);
};
template <size_t D>
struct ConvFuncOptions {
  using padding_t = torch::nn::detail::conv_padding_t<D>;
  ConvFuncOptions() {}
  CKPT_ARG_D(at::Tensor, bias, Tensor());
  CKPT_ARG_D(ExpandingArray<D>, stride, 1);
  CKPT_ARG_D(padding_t, padding, 0);
  decltype(auto) padding(std::initializer_list<int64_t> il) { return padding(padding_t(ExpandingArray<D>(il))); }
  CKPT_ARG_D(ExpandingArray<D>, dilation, 1);
  CKPT_ARG_D(int64_t, groups, 1);
};
using Conv1dFuncOptions = ConvFuncOptions<1>;
using Conv2dFuncOptions = ConvFuncOptions<2>;
using Conv3dFuncOptions = ConvFuncOptions<3>;
template <size_t D>
struct ConvTransposeFuncOptions {
  ConvTransposeFuncOptions() {}
  CKPT_ARG_D(at::Tensor, bias, Tensor());
  CKPT_ARG_D(ExpandingArray<D>, stride, 1);
  CKPT_ARG_D(ExpandingArray<D>, padding, 0);
  CKPT_ARG_D(ExpandingArray<D>, output_padding, 0);
  CKPT_ARG_D(int64_t, groups, 1);
  CKPT_ARG_D(ExpandingArray<D>, dilation, 1);
};
using ConvTranspose1dFuncOptions = ConvTransposeFuncOptions<1>;
using ConvTranspose2dFuncOptions = ConvTransposeFuncOptions<2>;
using ConvTranspose3dFuncOptions = ConvTransposeFuncOptions<3>;
struct EmbeddingFuncOptions {
  EmbeddingFuncOptions() {}
  CKPT_ARG_D(c10::optional<int64_t>, padding_idx, c10::nullopt);
  CKPT_ARG_D(c10::optional<double>, max_norm, c10::nullopt);
  CKPT_ARG_D(double, norm_type, 2.);
  CKPT_ARG_D(bool, scale_grad_by_freq, false);
  CKPT_ARG_D(bool, sparse, false);
};
struct EmbeddingBagFuncOptions {
  EmbeddingBagFuncOptions() {}
  CKPT_ARG_D(at::Tensor, offsets, Tensor());
  CKPT_ARG_D(c10::optional<double>, max_norm, c10::nullopt);
  CKPT_ARG_D(double, norm_type, 2.);
  CKPT_ARG_D(bool, scale_grad_by_freq, false);
  CKPT_ARG_D(EmbeddingBagMode, mode, torch::kMean);
  CKPT_ARG_D(bool, sparse, false);
  CKPT_ARG_D(at::Tensor, per_sample_weights, Tensor());
  CKPT_ARG_D(bool, include_last_offset, false);
  CKPT_ARG_D(c10::optional<int64_t>, padding_idx, c10::nullopt);
};
template <size_t D>
struct MaxUnpoolFuncOptions {
  MaxUnpoolFuncOptions(ExpandingArray<D> kernel_size) : kernel_size_(kernel_size), stride_(kernel_size) {}
  CKPT_ARG(ExpandingArray<D>, kernel_size);
  CKPT_ARG(ExpandingArray<D>, stride);
  CKPT_ARG_D(ExpandingArray<D>, padding, 0);
  CKPT_ARG_D(c10::optional<std::vector<int64_t>>, output_size, c10::nullopt);
};
using MaxUnpool1dFuncOptions = MaxUnpoolFuncOptions<1>;
using MaxUnpool2dFuncOptions = MaxUnpoolFuncOptions<2>;
using MaxUnpool3dFuncOptions = MaxUnpoolFuncOptions<3>;
struct PadFuncOptions {
  using mode_t = c10::variant<enumtype::kConstant, enumtype::kReflect, enumtype::kReplicate, enumtype::kCircular>;
  PadFuncOptions(std::vector<int64_t> pad) : pad_(std::move(pad)) {}
  CKPT_ARG(std::vector<int64_t>, pad);
  CKPT_ARG_D(mode_t, mode, torch::kConstant);
  CKPT_ARG_D(double, value, 0);
};
struct InterpolateFuncOptions {
  using mode_t = c10::variant<enumtype::kNearest, enumtype::kLinear, enumtype::kBilinear, enumtype::kBicubic,
                              enumtype::kTrilinear, enumtype::kArea, enumtype::kNearestExact>;
  InterpolateFuncOptions() {}
  CKPT_ARG_D(c10::optional<std::vector<int64_t>>, size, c10::nullopt);
  CKPT_ARG_D(c10::optional<std::vector<double>>, scale_factor, c10::nullopt);
  CKPT_ARG_D(mode_t, mode, torch::kNearest);
  CKPT_ARG_D(c10::optional<bool>, align_corners, c10::nullopt);
  CKPT_ARG_D(c10::optional<bool>, recompute_scale_factor, c10::nullopt);
  CKPT_ARG_D(bool, antialias, false);
};
struct GridSampleFuncOptions {
  using mode_t = c10::variant<enumtype::kBilinear, enumtype::kNearest>;
  using padding_mode_t = c10::variant<enumtype::kZeros, enumtype::kBorder, enumtype::kReflection>;
  GridSampleFuncOptions() {}
  CKPT_ARG_D(mode_t, mode, torch::kBilinear);
  CKPT_ARG_D(padding_mode_t, padding_mode, torch::kZeros);
  CKPT_ARG_D(c10::optional<bool>, align_corners, c10::nullopt);
};
}  // namespace functional

}  // namespace nn
}  // namespace torch
