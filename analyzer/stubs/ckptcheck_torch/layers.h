// Bundled LibTorch declarations, part 4: the built-in layers (LinearImpl and
// its holder torch::nn::Linear, ...). What each layer registers is not here:
// the analyzer knows it from its layer rules (rules/src/layer_rules*.cpp) and
// recognises a layer by its name. These declarations only let model code that
// constructs, calls and inspects layers parse. See tensor.h.
#pragma once

#include "options.h"

namespace torch {
namespace nn {

namespace ckptcheck_detail {
using at::Tensor;
// What a layer's forward() takes and returns, and the tensors code reads from it.
struct UnaryForward {
  Tensor forward(const Tensor& input);
};
struct BinaryForward {
  Tensor forward(const Tensor& input1, const Tensor& input2);
};
struct TernaryForward {
  Tensor forward(const Tensor& input1, const Tensor& input2, const Tensor& input3);
};
struct CTCForward {
  Tensor forward(const Tensor& log_probs, const Tensor& targets, const Tensor& input_lengths,
                 const Tensor& target_lengths);
};
struct PoolWithIndices {
  Tensor forward(const Tensor& input);
  std::tuple<Tensor, Tensor> forward_with_indices(const Tensor& input);
};
struct UnpoolForward {
  Tensor forward(const Tensor& input, const Tensor& indices,
                 const c10::optional<std::vector<int64_t>>& output_size = c10::nullopt);
};
struct WeightAndBias {
  Tensor weight;
  Tensor bias;
};
struct RunningStats {
  Tensor weight;
  Tensor bias;
  Tensor running_mean;
  Tensor running_var;
  Tensor num_batches_tracked;
};
using LSTMCellResult = std::tuple<Tensor, Tensor>;
using LSTMCellState = c10::optional<std::tuple<Tensor, Tensor>>;
}  // namespace ckptcheck_detail

// A layer: constructed from its options (or from the options' constructor
// arguments), reset() registers its tensors, forward() per the mixins.
#define CKPT_LAYER(Name, Options, DefaultOptions, ...)                       \
  class Name##Impl : public Cloneable<Name##Impl>, __VA_ARGS__ {              \
   public:                                                                  \
    explicit Name##Impl(const Options& options_ DefaultOptions);            \
    template <typename A0, typename A1, typename... Rest>                   \
    Name##Impl(A0&& a0, A1&& a1, Rest&&... rest);                           \
    void reset() override;                                                  \
    void reset_parameters();                                                \
    void pretty_print(std::ostream& stream) const override;                 \
    Options options;                                                        \
  };                                                                        \
  TORCH_MODULE(Name);
#define CKPT_NO_DEFAULT
#define CKPT_DEFAULT = {}

using namespace ckptcheck_detail;

// Parameter-free layers without options.
#define CKPT_PLAIN_LAYER(Name)                                       \
  class Name##Impl : public Cloneable<Name##Impl>, public UnaryForward { \
   public:                                                           \
    Name##Impl();                                                    \
    template <typename A0, typename... Rest>                         \
    explicit Name##Impl(A0&& a0, Rest&&... rest);                    \
    void reset() override;                                           \
    void pretty_print(std::ostream& stream) const override;          \
  };                                                                 \
  TORCH_MODULE(Name);
CKPT_PLAIN_LAYER(Identity)
CKPT_PLAIN_LAYER(LogSigmoid)
CKPT_PLAIN_LAYER(Softmax2d)
CKPT_PLAIN_LAYER(SiLU)
CKPT_PLAIN_LAYER(Mish)
CKPT_PLAIN_LAYER(Sigmoid)
CKPT_PLAIN_LAYER(Softsign)
CKPT_PLAIN_LAYER(Tanh)
CKPT_PLAIN_LAYER(Tanhshrink)
#undef CKPT_PLAIN_LAYER

CKPT_LAYER(Linear, LinearOptions, CKPT_NO_DEFAULT, public UnaryForward, public WeightAndBias)
CKPT_LAYER(Bilinear, BilinearOptions, CKPT_NO_DEFAULT, public BinaryForward, public WeightAndBias)
CKPT_LAYER(Flatten, FlattenOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(Unflatten, UnflattenOptions, CKPT_NO_DEFAULT, public UnaryForward)

CKPT_LAYER(Conv1d, Conv1dOptions, CKPT_NO_DEFAULT, public UnaryForward, public WeightAndBias)
CKPT_LAYER(Conv2d, Conv2dOptions, CKPT_NO_DEFAULT, public UnaryForward, public WeightAndBias)
CKPT_LAYER(Conv3d, Conv3dOptions, CKPT_NO_DEFAULT, public UnaryForward, public WeightAndBias)
#define CKPT_CONV_TRANSPOSE(Name)                                                                        \
  class Name##Impl : public Cloneable<Name##Impl>, public WeightAndBias {                                \
   public:                                                                                               \
    explicit Name##Impl(const Name##Options& options_);                                                 \
    template <typename A0, typename A1, typename... Rest>                                                \
    Name##Impl(A0&& a0, A1&& a1, Rest&&... rest);                                                        \
    void reset() override;                                                                               \
    void reset_parameters();                                                                             \
    at::Tensor forward(const at::Tensor& input,                                                          \
                       const c10::optional<at::IntArrayRef>& output_size = c10::nullopt);                \
    void pretty_print(std::ostream& stream) const override;                                              \
    Name##Options options;                                                                               \
  };                                                                                                     \
  TORCH_MODULE(Name);
CKPT_CONV_TRANSPOSE(ConvTranspose1d)
CKPT_CONV_TRANSPOSE(ConvTranspose2d)
CKPT_CONV_TRANSPOSE(ConvTranspose3d)
#undef CKPT_CONV_TRANSPOSE
CKPT_LAYER(Fold, FoldOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(Unfold, UnfoldOptions, CKPT_NO_DEFAULT, public UnaryForward)

CKPT_LAYER(BatchNorm1d, BatchNorm1dOptions, CKPT_NO_DEFAULT, public UnaryForward, public RunningStats)
CKPT_LAYER(BatchNorm2d, BatchNorm2dOptions, CKPT_NO_DEFAULT, public UnaryForward, public RunningStats)
CKPT_LAYER(BatchNorm3d, BatchNorm3dOptions, CKPT_NO_DEFAULT, public UnaryForward, public RunningStats)
CKPT_LAYER(InstanceNorm1d, InstanceNorm1dOptions, CKPT_NO_DEFAULT, public UnaryForward, public RunningStats)
CKPT_LAYER(InstanceNorm2d, InstanceNorm2dOptions, CKPT_NO_DEFAULT, public UnaryForward, public RunningStats)
CKPT_LAYER(InstanceNorm3d, InstanceNorm3dOptions, CKPT_NO_DEFAULT, public UnaryForward, public RunningStats)
CKPT_LAYER(LayerNorm, LayerNormOptions, CKPT_NO_DEFAULT, public UnaryForward, public WeightAndBias)
CKPT_LAYER(GroupNorm, GroupNormOptions, CKPT_NO_DEFAULT, public UnaryForward, public WeightAndBias)
CKPT_LAYER(LocalResponseNorm, LocalResponseNormOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(CrossMapLRN2d, CrossMapLRN2dOptions, CKPT_NO_DEFAULT, public UnaryForward)

CKPT_LAYER(ELU, ELUOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(SELU, SELUOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(Hardshrink, HardshrinkOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(Hardtanh, HardtanhOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(LeakyReLU, LeakyReLUOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(Softmax, SoftmaxOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(Softmin, SoftminOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(LogSoftmax, LogSoftmaxOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(PReLU, PReLUOptions, CKPT_DEFAULT, public UnaryForward, public WeightAndBias)
CKPT_LAYER(ReLU, ReLUOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(ReLU6, ReLU6Options, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(RReLU, RReLUOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(CELU, CELUOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(GLU, GLUOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(GELU, GELUOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(Softplus, SoftplusOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(Softshrink, SoftshrinkOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(Threshold, ThresholdOptions, CKPT_NO_DEFAULT, public UnaryForward)

CKPT_LAYER(Dropout, DropoutOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(Dropout2d, Dropout2dOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(Dropout3d, Dropout3dOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(AlphaDropout, AlphaDropoutOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(FeatureAlphaDropout, FeatureAlphaDropoutOptions, CKPT_DEFAULT, public UnaryForward)
CKPT_LAYER(CosineSimilarity, CosineSimilarityOptions, CKPT_DEFAULT, public BinaryForward)
CKPT_LAYER(PairwiseDistance, PairwiseDistanceOptions, CKPT_DEFAULT, public BinaryForward)
CKPT_LAYER(PixelShuffle, PixelShuffleOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(PixelUnshuffle, PixelUnshuffleOptions, CKPT_NO_DEFAULT, public UnaryForward)

CKPT_LAYER(AvgPool1d, AvgPool1dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(AvgPool2d, AvgPool2dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(AvgPool3d, AvgPool3dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(MaxPool1d, MaxPool1dOptions, CKPT_NO_DEFAULT, public PoolWithIndices)
CKPT_LAYER(MaxPool2d, MaxPool2dOptions, CKPT_NO_DEFAULT, public PoolWithIndices)
CKPT_LAYER(MaxPool3d, MaxPool3dOptions, CKPT_NO_DEFAULT, public PoolWithIndices)
CKPT_LAYER(AdaptiveMaxPool1d, AdaptiveMaxPool1dOptions, CKPT_NO_DEFAULT, public PoolWithIndices)
CKPT_LAYER(AdaptiveMaxPool2d, AdaptiveMaxPool2dOptions, CKPT_NO_DEFAULT, public PoolWithIndices)
CKPT_LAYER(AdaptiveMaxPool3d, AdaptiveMaxPool3dOptions, CKPT_NO_DEFAULT, public PoolWithIndices)
CKPT_LAYER(AdaptiveAvgPool1d, AdaptiveAvgPool1dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(AdaptiveAvgPool2d, AdaptiveAvgPool2dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(AdaptiveAvgPool3d, AdaptiveAvgPool3dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(MaxUnpool1d, MaxUnpool1dOptions, CKPT_NO_DEFAULT, public UnpoolForward)
CKPT_LAYER(MaxUnpool2d, MaxUnpool2dOptions, CKPT_NO_DEFAULT, public UnpoolForward)
CKPT_LAYER(MaxUnpool3d, MaxUnpool3dOptions, CKPT_NO_DEFAULT, public UnpoolForward)
CKPT_LAYER(FractionalMaxPool2d, FractionalMaxPool2dOptions, CKPT_NO_DEFAULT, public PoolWithIndices)
CKPT_LAYER(FractionalMaxPool3d, FractionalMaxPool3dOptions, CKPT_NO_DEFAULT, public PoolWithIndices)
CKPT_LAYER(LPPool1d, LPPool1dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(LPPool2d, LPPool2dOptions, CKPT_NO_DEFAULT, public UnaryForward)

CKPT_LAYER(ReflectionPad1d, ReflectionPad1dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(ReflectionPad2d, ReflectionPad2dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(ReflectionPad3d, ReflectionPad3dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(ReplicationPad1d, ReplicationPad1dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(ReplicationPad2d, ReplicationPad2dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(ReplicationPad3d, ReplicationPad3dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(ZeroPad2d, ZeroPad2dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(ConstantPad1d, ConstantPad1dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(ConstantPad2d, ConstantPad2dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(ConstantPad3d, ConstantPad3dOptions, CKPT_NO_DEFAULT, public UnaryForward)
CKPT_LAYER(Upsample, UpsampleOptions, CKPT_DEFAULT, public UnaryForward)

CKPT_LAYER(L1Loss, L1LossOptions, CKPT_DEFAULT, public BinaryForward)
CKPT_LAYER(KLDivLoss, KLDivLossOptions, CKPT_DEFAULT, public BinaryForward)
CKPT_LAYER(MSELoss, MSELossOptions, CKPT_DEFAULT, public BinaryForward)
CKPT_LAYER(BCELoss, BCELossOptions, CKPT_DEFAULT, public BinaryForward)
CKPT_LAYER(HingeEmbeddingLoss, HingeEmbeddingLossOptions, CKPT_DEFAULT, public BinaryForward)
CKPT_LAYER(MultiMarginLoss, MultiMarginLossOptions, CKPT_DEFAULT, public BinaryForward)
CKPT_LAYER(CosineEmbeddingLoss, CosineEmbeddingLossOptions, CKPT_DEFAULT, public TernaryForward)
CKPT_LAYER(SmoothL1Loss, SmoothL1LossOptions, CKPT_DEFAULT, public BinaryForward)
CKPT_LAYER(HuberLoss, HuberLossOptions, CKPT_DEFAULT, public BinaryForward)
CKPT_LAYER(MultiLabelMarginLoss, MultiLabelMarginLossOptions, CKPT_DEFAULT, public BinaryForward)
CKPT_LAYER(SoftMarginLoss, SoftMarginLossOptions, CKPT_DEFAULT, public BinaryForward)
CKPT_LAYER(MultiLabelSoftMarginLoss, MultiLabelSoftMarginLossOptions, CKPT_DEFAULT, public BinaryForward)
CKPT_LAYER(TripletMarginLoss, TripletMarginLossOptions, CKPT_DEFAULT, public TernaryForward)
CKPT_LAYER(TripletMarginWithDistanceLoss, TripletMarginWithDistanceLossOptions, CKPT_DEFAULT, public TernaryForward)
CKPT_LAYER(CTCLoss, CTCLossOptions, CKPT_DEFAULT, public CTCForward)
CKPT_LAYER(PoissonNLLLoss, PoissonNLLLossOptions, CKPT_DEFAULT, public BinaryForward)
CKPT_LAYER(MarginRankingLoss, MarginRankingLossOptions, CKPT_DEFAULT, public TernaryForward)
CKPT_LAYER(NLLLoss, NLLLossOptions, CKPT_DEFAULT, public BinaryForward)
CKPT_LAYER(CrossEntropyLoss, CrossEntropyLossOptions, CKPT_DEFAULT, public BinaryForward)
CKPT_LAYER(BCEWithLogitsLoss, BCEWithLogitsLossOptions, CKPT_DEFAULT, public BinaryForward)

// ---- layers with their own forward() or members ------------------------------------------
class EmbeddingImpl : public Cloneable<EmbeddingImpl>, public UnaryForward {
 public:
  explicit EmbeddingImpl(const EmbeddingOptions& options_);
  template <typename A0, typename A1, typename... Rest>
  EmbeddingImpl(A0&& a0, A1&& a1, Rest&&... rest);
  void reset() override;
  void reset_parameters();
  void pretty_print(std::ostream& stream) const override;
  EmbeddingOptions options;
  at::Tensor weight;
};
class Embedding : public ModuleHolder<EmbeddingImpl> {
 public:
  using ModuleHolder<EmbeddingImpl>::ModuleHolder;
  using Impl = EmbeddingImpl;
  static Embedding from_pretrained(const at::Tensor& embeddings,
                                   const EmbeddingFromPretrainedOptions& options = {});
};

class EmbeddingBagImpl : public Cloneable<EmbeddingBagImpl> {
 public:
  explicit EmbeddingBagImpl(const EmbeddingBagOptions& options_);
  template <typename A0, typename A1, typename... Rest>
  EmbeddingBagImpl(A0&& a0, A1&& a1, Rest&&... rest);
  void reset() override;
  void reset_parameters();
  void pretty_print(std::ostream& stream) const override;
  at::Tensor forward(const at::Tensor& input, const at::Tensor& offsets = {},
                     const at::Tensor& per_sample_weights = {});
  EmbeddingBagOptions options;
  at::Tensor weight;
};
class EmbeddingBag : public ModuleHolder<EmbeddingBagImpl> {
 public:
  using ModuleHolder<EmbeddingBagImpl>::ModuleHolder;
  using Impl = EmbeddingBagImpl;
  static EmbeddingBag from_pretrained(const at::Tensor& embeddings,
                                      const EmbeddingBagFromPretrainedOptions& options = {});
};

// Recurrent layers: forward returns the output and the final state.
#define CKPT_RNN_LAYER(Name, State)                                                                       \
  class Name##Impl : public Cloneable<Name##Impl> {                                                       \
   public:                                                                                               \
    explicit Name##Impl(const Name##Options& options_);                                                  \
    template <typename A0, typename A1, typename... Rest>                                                \
    Name##Impl(A0&& a0, A1&& a1, Rest&&... rest);                                                        \
    void reset() override;                                                                               \
    void reset_parameters();                                                                             \
    void pretty_print(std::ostream& stream) const override;                                              \
    std::tuple<at::Tensor, State> forward(const at::Tensor& input, State state = {});                   \
    std::vector<at::Tensor> all_weights() const;                                                         \
    void flatten_parameters();                                                                           \
    Name##Options options;                                                                               \
    std::vector<at::Tensor> flat_weights_;                                                               \
  };                                                                                                     \
  TORCH_MODULE(Name);
CKPT_RNN_LAYER(RNN, at::Tensor)
CKPT_RNN_LAYER(GRU, at::Tensor)
#undef CKPT_RNN_LAYER
class LSTMImpl : public Cloneable<LSTMImpl> {
 public:
  explicit LSTMImpl(const LSTMOptions& options_);
  template <typename A0, typename A1, typename... Rest>
  LSTMImpl(A0&& a0, A1&& a1, Rest&&... rest);
  void reset() override;
  void reset_parameters();
  void pretty_print(std::ostream& stream) const override;
  std::tuple<at::Tensor, std::tuple<at::Tensor, at::Tensor>> forward(
      const at::Tensor& input, c10::optional<std::tuple<at::Tensor, at::Tensor>> hx_opt = {});
  std::vector<at::Tensor> all_weights() const;
  void flatten_parameters();
  LSTMOptions options;
  std::vector<at::Tensor> flat_weights_;
};
TORCH_MODULE(LSTM);

#define CKPT_CELL_LAYER(Name, Result, State)                                                           \
  class Name##Impl : public Cloneable<Name##Impl> {                                                      \
   public:                                                                                              \
    explicit Name##Impl(const Name##Options& options_);                                                 \
    template <typename A0, typename A1, typename... Rest>                                               \
    Name##Impl(A0&& a0, A1&& a1, Rest&&... rest);                                                       \
    void reset() override;                                                                              \
    void reset_parameters();                                                                            \
    void pretty_print(std::ostream& stream) const override;                                             \
    Result forward(const at::Tensor& input, State hx = {});                                            \
    Name##Options options;                                                                              \
    at::Tensor weight_ih, weight_hh, bias_ih, bias_hh;                                                  \
  };                                                                                                    \
  TORCH_MODULE(Name);
CKPT_CELL_LAYER(RNNCell, at::Tensor, at::Tensor)
CKPT_CELL_LAYER(GRUCell, at::Tensor, at::Tensor)
CKPT_CELL_LAYER(LSTMCell, LSTMCellResult, LSTMCellState)
#undef CKPT_CELL_LAYER

class MultiheadAttentionImpl : public Cloneable<MultiheadAttentionImpl> {
 public:
  explicit MultiheadAttentionImpl(const MultiheadAttentionOptions& options_);
  MultiheadAttentionImpl(int64_t embed_dim, int64_t num_heads);
  void reset() override;
  void _reset_parameters();
  void pretty_print(std::ostream& stream) const override;
  std::tuple<at::Tensor, at::Tensor> forward(const at::Tensor& query, const at::Tensor& key, const at::Tensor& value,
                                             const at::Tensor& key_padding_mask = {}, bool need_weights = true,
                                             const at::Tensor& attn_mask = {}, bool average_attn_weights = true);
  MultiheadAttentionOptions options;
  bool _qkv_same_embed_dim;
  at::Tensor in_proj_weight, in_proj_bias, bias_k, bias_v;
  Linear out_proj = nullptr;
  at::Tensor q_proj_weight, k_proj_weight, v_proj_weight;
  int64_t head_dim;
};
TORCH_MODULE(MultiheadAttention);

class AdaptiveLogSoftmaxWithLossImpl : public Cloneable<AdaptiveLogSoftmaxWithLossImpl> {
 public:
  struct ASMoutput {
    at::Tensor output;
    double loss;
  };
  explicit AdaptiveLogSoftmaxWithLossImpl(AdaptiveLogSoftmaxWithLossOptions options_);
  AdaptiveLogSoftmaxWithLossImpl(int64_t in_features, int64_t n_classes, std::vector<int64_t> cutoffs);
  void reset() override;
  void reset_parameters();
  void pretty_print(std::ostream& stream) const override;
  ASMoutput forward(const at::Tensor& input, const at::Tensor& target);
  at::Tensor log_prob(const at::Tensor& input);
  at::Tensor predict(const at::Tensor& input);
  AdaptiveLogSoftmaxWithLossOptions options;
  Linear head = nullptr;
};
TORCH_MODULE(AdaptiveLogSoftmaxWithLoss);

}  // namespace nn
}  // namespace torch
