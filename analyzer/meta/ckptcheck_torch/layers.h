// Meta LibTorch, part 6: the built-in layers (LinearImpl and its holder
// torch::nn::Linear, ...). A layer that owns tensors asks ckptcheck's layer
// rules what to register (host.h): rules/src/layer_rules*.cpp are the one
// statement of what each built-in layer registers, tested against LibTorch.
// Layers made of other layers (MultiheadAttention's out_proj, the adaptive
// softmax's head and tail) build those children as LibTorch does. Each layer
// checks its options where LibTorch does, so a constructor that LibTorch
// would reject is rejected here too. See c10.h.
#pragma once

#include "options.h"

namespace torch {
namespace nn {

namespace ckptcheck_detail {
using at::Tensor;

// Asks the layer rule named `layer` what to register for these options.
class LayerRule {
 public:
  explicit LayerRule(const char* layer) : rule_(ckptcheck_rule_begin(layer)) {}
  ~LayerRule() { ckptcheck_rule_end(rule_); }
  LayerRule(const LayerRule&) = delete;
  LayerRule& operator=(const LayerRule&) = delete;

  LayerRule& integer(const char* option, int64_t value) {
    ckptcheck_rule_int(rule_, option, value);
    return *this;
  }
  LayerRule& flag(const char* option, bool value) {
    ckptcheck_rule_bool(rule_, option, value ? 1 : 0);
    return *this;
  }
  LayerRule& real(const char* option, double value) {
    ckptcheck_rule_double(rule_, option, value);
    return *this;
  }
  LayerRule& sizes(const char* option, at::IntArrayRef values) {
    ckptcheck_rule_ints(rule_, option, values.data(), values.size());
    return *this;
  }
  // A Tensor option (a loss's weight): its shape when it is defined.
  LayerRule& tensor(const char* option, const Tensor& value) {
    if (value.defined()) sizes(option, value.sizes());
    return *this;
  }
  // Registers the tensors the rule lists on `module`, in the rule's order.
  // Entries of child layers ("out_proj.weight") are left to those children,
  // which the composite layer builds itself.
  void register_into(Module& module) {
    const char* error = nullptr;
    long count = ckptcheck_rule_run(rule_, &error);
    TORCH_CHECK(count >= 0, error ? error : "the layer rule failed");
    for (long i = 0; i < count; ++i) {
      const char* name = nullptr;
      const char* dtype = nullptr;
      const int64_t* shape = nullptr;
      size_t rank = 0;
      int is_buffer = 0;
      ckptcheck_rule_tensor(rule_, i, &name, &is_buffer, &shape, &rank, &dtype);
      if (std::strchr(name, '.')) continue;
      Tensor t = at::empty(at::IntArrayRef(shape, rank), c10::dtype_from_name(dtype));
      if (is_buffer) module.register_buffer(name, t);
      else module.register_parameter(name, t);
    }
  }

 private:
  void* rule_;
};

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
using LSTMCellResult = std::tuple<Tensor, Tensor>;
using LSTMCellState = c10::optional<std::tuple<Tensor, Tensor>>;

// The registered tensor `name`, or an undefined one.
inline Tensor registered(const Module& m, const char* name) {
  if (const Tensor* t = m.ckptcheck_parameters().find(name)) return *t;
  if (const Tensor* t = m.ckptcheck_buffers().find(name)) return *t;
  return Tensor();
}
}  // namespace ckptcheck_detail

using ckptcheck_meta::BuiltinScope;
// A comma inside a macro argument (template arguments).
#define CKPT_COMMA ,
using namespace ckptcheck_detail;

// ---- layers that own nothing -----------------------------------------------------

// Without options.
#define CKPT_PLAIN_LAYER(Name)                                              \
  class Name##Impl : public Cloneable<Name##Impl>, public UnaryForward {    \
   public:                                                                  \
    Name##Impl();  /* library.cpp */                                        \
    template <typename A0, typename... Rest>                                \
    explicit Name##Impl(A0&&, Rest&&...) : Name##Impl() {}                  \
    void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {}                                                \
  };                                                                        \
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

// With options; `Check` runs in reset() (LibTorch's checks of the options).
#define CKPT_STATELESS_LAYER(Name, Options, DefaultOptions, Forward, Check)          \
  class Name##Impl : public Cloneable<Name##Impl>, public Forward {                  \
   public:                                                                           \
    explicit Name##Impl(const Options& options_ DefaultOptions);  /* library.cpp */ \
    template <typename A0, typename... Rest,                                         \
              typename = std::enable_if_t<!std::is_same<std::decay_t<A0>, Options>::value && \
                                          !std::is_base_of<Name##Impl, std::decay_t<A0>>::value>> \
    explicit Name##Impl(A0&& a0, Rest&&... rest)                                     \
        : Name##Impl(Options(std::forward<A0>(a0), std::forward<Rest>(rest)...)) {}  \
    void reset() override; /* defined in library.cpp */ void ckptcheck_reset() { Check; }                                                 \
    Options options;                                                                 \
  };                                                                                 \
  TORCH_MODULE(Name);
#define CKPT_NO_DEFAULT
#define CKPT_DEFAULT = {}
#define CKPT_DROPOUT_CHECK \
  TORCH_CHECK(options.p() >= 0. && options.p() <= 1., "dropout probability has to be between 0 and 1, but got ", options.p())

CKPT_STATELESS_LAYER(Flatten, FlattenOptions, CKPT_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(Unflatten, UnflattenOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(Fold, FoldOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(Unfold, UnfoldOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(LocalResponseNorm, LocalResponseNormOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(CrossMapLRN2d, CrossMapLRN2dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(ELU, ELUOptions, CKPT_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(SELU, SELUOptions, CKPT_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(Hardshrink, HardshrinkOptions, CKPT_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(Hardtanh, HardtanhOptions, CKPT_DEFAULT, UnaryForward,
                     TORCH_CHECK(options.max_val() > options.min_val(), "max_val must be greater than min_val"))
CKPT_STATELESS_LAYER(LeakyReLU, LeakyReLUOptions, CKPT_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(Softmax, SoftmaxOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(Softmin, SoftminOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(LogSoftmax, LogSoftmaxOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(ReLU, ReLUOptions, CKPT_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(ReLU6, ReLU6Options, CKPT_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(RReLU, RReLUOptions, CKPT_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(CELU, CELUOptions, CKPT_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(GLU, GLUOptions, CKPT_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(GELU, GELUOptions, CKPT_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(Softplus, SoftplusOptions, CKPT_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(Softshrink, SoftshrinkOptions, CKPT_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(Threshold, ThresholdOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(Dropout, DropoutOptions, CKPT_DEFAULT, UnaryForward, CKPT_DROPOUT_CHECK)
CKPT_STATELESS_LAYER(Dropout2d, Dropout2dOptions, CKPT_DEFAULT, UnaryForward, CKPT_DROPOUT_CHECK)
CKPT_STATELESS_LAYER(Dropout3d, Dropout3dOptions, CKPT_DEFAULT, UnaryForward, CKPT_DROPOUT_CHECK)
CKPT_STATELESS_LAYER(AlphaDropout, AlphaDropoutOptions, CKPT_DEFAULT, UnaryForward, CKPT_DROPOUT_CHECK)
CKPT_STATELESS_LAYER(FeatureAlphaDropout, FeatureAlphaDropoutOptions, CKPT_DEFAULT, UnaryForward, CKPT_DROPOUT_CHECK)
CKPT_STATELESS_LAYER(CosineSimilarity, CosineSimilarityOptions, CKPT_DEFAULT, BinaryForward, )
CKPT_STATELESS_LAYER(PairwiseDistance, PairwiseDistanceOptions, CKPT_DEFAULT, BinaryForward, )
CKPT_STATELESS_LAYER(PixelShuffle, PixelShuffleOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(PixelUnshuffle, PixelUnshuffleOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(AvgPool1d, AvgPool1dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(AvgPool2d, AvgPool2dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(AvgPool3d, AvgPool3dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(MaxPool1d, MaxPool1dOptions, CKPT_NO_DEFAULT, PoolWithIndices, )
CKPT_STATELESS_LAYER(MaxPool2d, MaxPool2dOptions, CKPT_NO_DEFAULT, PoolWithIndices, )
CKPT_STATELESS_LAYER(MaxPool3d, MaxPool3dOptions, CKPT_NO_DEFAULT, PoolWithIndices, )
CKPT_STATELESS_LAYER(AdaptiveMaxPool1d, AdaptiveMaxPool1dOptions, CKPT_NO_DEFAULT, PoolWithIndices, )
CKPT_STATELESS_LAYER(AdaptiveMaxPool2d, AdaptiveMaxPool2dOptions, CKPT_NO_DEFAULT, PoolWithIndices, )
CKPT_STATELESS_LAYER(AdaptiveMaxPool3d, AdaptiveMaxPool3dOptions, CKPT_NO_DEFAULT, PoolWithIndices, )
CKPT_STATELESS_LAYER(AdaptiveAvgPool1d, AdaptiveAvgPool1dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(AdaptiveAvgPool2d, AdaptiveAvgPool2dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(AdaptiveAvgPool3d, AdaptiveAvgPool3dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(MaxUnpool1d, MaxUnpool1dOptions, CKPT_NO_DEFAULT, UnpoolForward, )
CKPT_STATELESS_LAYER(MaxUnpool2d, MaxUnpool2dOptions, CKPT_NO_DEFAULT, UnpoolForward, )
CKPT_STATELESS_LAYER(MaxUnpool3d, MaxUnpool3dOptions, CKPT_NO_DEFAULT, UnpoolForward, )
CKPT_STATELESS_LAYER(LPPool1d, LPPool1dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(LPPool2d, LPPool2dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(ReflectionPad1d, ReflectionPad1dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(ReflectionPad2d, ReflectionPad2dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(ReflectionPad3d, ReflectionPad3dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(ReplicationPad1d, ReplicationPad1dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(ReplicationPad2d, ReplicationPad2dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(ReplicationPad3d, ReplicationPad3dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(ZeroPad2d, ZeroPad2dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(ConstantPad1d, ConstantPad1dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(ConstantPad2d, ConstantPad2dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(ConstantPad3d, ConstantPad3dOptions, CKPT_NO_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(Upsample, UpsampleOptions, CKPT_DEFAULT, UnaryForward, )
CKPT_STATELESS_LAYER(L1Loss, L1LossOptions, CKPT_DEFAULT, BinaryForward, )
CKPT_STATELESS_LAYER(KLDivLoss, KLDivLossOptions, CKPT_DEFAULT, BinaryForward, )
CKPT_STATELESS_LAYER(MSELoss, MSELossOptions, CKPT_DEFAULT, BinaryForward, )
CKPT_STATELESS_LAYER(HingeEmbeddingLoss, HingeEmbeddingLossOptions, CKPT_DEFAULT, BinaryForward, )
CKPT_STATELESS_LAYER(CosineEmbeddingLoss, CosineEmbeddingLossOptions, CKPT_DEFAULT, TernaryForward, )
CKPT_STATELESS_LAYER(SmoothL1Loss, SmoothL1LossOptions, CKPT_DEFAULT, BinaryForward, )
CKPT_STATELESS_LAYER(HuberLoss, HuberLossOptions, CKPT_DEFAULT, BinaryForward, )
CKPT_STATELESS_LAYER(MultiLabelMarginLoss, MultiLabelMarginLossOptions, CKPT_DEFAULT, BinaryForward, )
CKPT_STATELESS_LAYER(SoftMarginLoss, SoftMarginLossOptions, CKPT_DEFAULT, BinaryForward, )
CKPT_STATELESS_LAYER(TripletMarginLoss, TripletMarginLossOptions, CKPT_DEFAULT, TernaryForward, )
CKPT_STATELESS_LAYER(TripletMarginWithDistanceLoss, TripletMarginWithDistanceLossOptions, CKPT_DEFAULT, TernaryForward, )
CKPT_STATELESS_LAYER(CTCLoss, CTCLossOptions, CKPT_DEFAULT, CTCForward, )
CKPT_STATELESS_LAYER(PoissonNLLLoss, PoissonNLLLossOptions, CKPT_DEFAULT, BinaryForward, )
CKPT_STATELESS_LAYER(MarginRankingLoss, MarginRankingLossOptions, CKPT_DEFAULT, TernaryForward, )
#undef CKPT_DROPOUT_CHECK

// ---- layers whose tensors a layer rule lists ------------------------------------------

// A layer whose reset() registers what its rule lists for these options, then
// points its tensor members at the registrations; `Rule` sets the options.
#define CKPT_RULE_LAYER(Name, Options, DefaultOptions, Forward, Check, Rule, Members, Bind) \
  class Name##Impl : public Cloneable<Name##Impl>, public Forward {                        \
   public:                                                                                 \
    explicit Name##Impl(const Options& options_ DefaultOptions);  /* library.cpp */ \
    template <typename A0, typename... Rest,                                               \
              typename = std::enable_if_t<!std::is_same<std::decay_t<A0>, Options>::value && \
                                          !std::is_base_of<Name##Impl, std::decay_t<A0>>::value>> \
    explicit Name##Impl(A0&& a0, Rest&&... rest)                                           \
        : Name##Impl(Options(std::forward<A0>(a0), std::forward<Rest>(rest)...)) {}        \
    void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {                                                                \
      BuiltinScope builtin;                                                                \
      Check;                                                                               \
      LayerRule rule(#Name);                                                               \
      Rule;                                                                                \
      rule.register_into(*this);                                                           \
      Bind;                                                                                \
    }                                                                                      \
    void reset_parameters() {}                                                             \
    Options options;                                                                       \
    Members;                                                                               \
  };                                                                                       \
  TORCH_MODULE(Name);

#define CKPT_WEIGHT_BIAS Tensor weight, bias
#define CKPT_BIND_WEIGHT_BIAS           \
  weight = registered(*this, "weight"); \
  bias = registered(*this, "bias")
#define CKPT_RUNNING_STATS Tensor weight, bias, running_mean, running_var, num_batches_tracked
#define CKPT_BIND_RUNNING_STATS                               \
  CKPT_BIND_WEIGHT_BIAS;                                      \
  running_mean = registered(*this, "running_mean");           \
  running_var = registered(*this, "running_var");             \
  num_batches_tracked = registered(*this, "num_batches_tracked")

CKPT_RULE_LAYER(Linear, LinearOptions, CKPT_NO_DEFAULT, UnaryForward, ,
                rule.integer("in_features", options.in_features()).integer("out_features", options.out_features())
                    .flag("bias", options.bias()),
                CKPT_WEIGHT_BIAS, CKPT_BIND_WEIGHT_BIAS)
CKPT_RULE_LAYER(Bilinear, BilinearOptions, CKPT_NO_DEFAULT, BinaryForward, ,
                rule.integer("in1_features", options.in1_features()).integer("in2_features", options.in2_features())
                    .integer("out_features", options.out_features()).flag("bias", options.bias()),
                CKPT_WEIGHT_BIAS, CKPT_BIND_WEIGHT_BIAS)

// ConvNdImpl::reset's checks, then the rule.
#define CKPT_CONV_CHECK                                                                           \
  TORCH_CHECK(options.in_channels() > 0 && options.groups() > 0 && options.out_channels() > 0,   \
              "in_channels, groups and out_channels must be positive integers, got in_channels=", \
              options.in_channels(), ", groups=", options.groups(), ", out_channels=", options.out_channels()); \
  TORCH_CHECK(options.in_channels() % options.groups() == 0, "in_channels must be divisible by groups"); \
  TORCH_CHECK(options.out_channels() % options.groups() == 0, "out_channels must be divisible by groups")
#define CKPT_CONV_RULE                                                                                 \
  rule.integer("in_channels", options.in_channels()).integer("out_channels", options.out_channels())   \
      .sizes("kernel_size", *options.kernel_size()).integer("groups", options.groups())                \
      .flag("bias", options.bias())
#define CKPT_CONV(Name)                                                                              \
  CKPT_RULE_LAYER(Name, Name##Options, CKPT_NO_DEFAULT, UnaryForward, CKPT_CONV_CHECK, CKPT_CONV_RULE, \
                  CKPT_WEIGHT_BIAS, CKPT_BIND_WEIGHT_BIAS)
CKPT_CONV(Conv1d)
CKPT_CONV(Conv2d)
CKPT_CONV(Conv3d)
#undef CKPT_CONV
#define CKPT_CONV_TRANSPOSE(Name)                                                                     \
  class Name##Impl : public Cloneable<Name##Impl> {                                                   \
   public:                                                                                            \
    explicit Name##Impl(const Name##Options& options_);  /* library.cpp */               \
    template <typename A0, typename... Rest,                                                          \
              typename = std::enable_if_t<!std::is_same<std::decay_t<A0>, Name##Options>::value &&    \
                                          !std::is_base_of<Name##Impl, std::decay_t<A0>>::value>>     \
    explicit Name##Impl(A0&& a0, Rest&&... rest)                                                      \
        : Name##Impl(Name##Options(std::forward<A0>(a0), std::forward<Rest>(rest)...)) {}             \
    void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {                                                                           \
      BuiltinScope builtin;                                                                           \
      CKPT_CONV_CHECK;                                                                                \
      LayerRule rule(#Name);                                                                          \
      CKPT_CONV_RULE;                                                                                 \
      rule.register_into(*this);                                                                      \
      CKPT_BIND_WEIGHT_BIAS;                                                                          \
    }                                                                                                 \
    void reset_parameters() {}                                                                        \
    at::Tensor forward(const at::Tensor& input, const c10::optional<at::IntArrayRef>& output_size = c10::nullopt); \
    Name##Options options;                                                                            \
    CKPT_WEIGHT_BIAS;                                                                                 \
  };                                                                                                  \
  TORCH_MODULE(Name);
CKPT_CONV_TRANSPOSE(ConvTranspose1d)
CKPT_CONV_TRANSPOSE(ConvTranspose2d)
CKPT_CONV_TRANSPOSE(ConvTranspose3d)
#undef CKPT_CONV_TRANSPOSE

#define CKPT_NORM_RULE                                                                                   \
  rule.integer("num_features", options.num_features()).flag("affine", options.affine())                  \
      .flag("track_running_stats", options.track_running_stats())
#define CKPT_NORM(Name)                                                                                  \
  CKPT_RULE_LAYER(Name, Name##Options, CKPT_NO_DEFAULT, UnaryForward, , CKPT_NORM_RULE, CKPT_RUNNING_STATS, \
                  CKPT_BIND_RUNNING_STATS)
CKPT_NORM(BatchNorm1d)
CKPT_NORM(BatchNorm2d)
CKPT_NORM(BatchNorm3d)
CKPT_NORM(InstanceNorm1d)
CKPT_NORM(InstanceNorm2d)
CKPT_NORM(InstanceNorm3d)
#undef CKPT_NORM
#undef CKPT_NORM_RULE
CKPT_RULE_LAYER(LayerNorm, LayerNormOptions, CKPT_NO_DEFAULT, UnaryForward, ,
                rule.sizes("normalized_shape", options.normalized_shape())
                    .flag("elementwise_affine", options.elementwise_affine()),
                CKPT_WEIGHT_BIAS, CKPT_BIND_WEIGHT_BIAS)
CKPT_RULE_LAYER(GroupNorm, GroupNormOptions, CKPT_NO_DEFAULT, UnaryForward, ,
                rule.integer("num_groups", options.num_groups()).integer("num_channels", options.num_channels())
                    .flag("affine", options.affine()),
                CKPT_WEIGHT_BIAS, CKPT_BIND_WEIGHT_BIAS)
CKPT_RULE_LAYER(PReLU, PReLUOptions, CKPT_DEFAULT, UnaryForward, ,
                rule.integer("num_parameters", options.num_parameters()), Tensor weight,
                weight = registered(*this, "weight"))

// Losses whose weight options are buffers (registered even when undefined).
#define CKPT_WEIGHTED_LOSS(Name)                                                                  \
  class Name##Impl : public Cloneable<Name##Impl>, public BinaryForward {                         \
   public:                                                                                        \
    explicit Name##Impl(const Name##Options& options_ = {});  /* library.cpp */      \
    void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {                                                                       \
      BuiltinScope builtin;                                                                       \
      weight = register_buffer("weight", options.weight());                                       \
    }                                                                                             \
    Name##Options options;                                                                        \
    Tensor weight;                                                                                \
  };                                                                                              \
  TORCH_MODULE(Name);
CKPT_WEIGHTED_LOSS(NLLLoss)
CKPT_WEIGHTED_LOSS(CrossEntropyLoss)
CKPT_WEIGHTED_LOSS(BCELoss)
CKPT_WEIGHTED_LOSS(MultiMarginLoss)
CKPT_WEIGHTED_LOSS(MultiLabelSoftMarginLoss)
#undef CKPT_WEIGHTED_LOSS
class BCEWithLogitsLossImpl : public Cloneable<BCEWithLogitsLossImpl>, public BinaryForward {
 public:
  explicit BCEWithLogitsLossImpl(const BCEWithLogitsLossOptions& options_ = {});  /* library.cpp */
  void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {
    BuiltinScope builtin;
    weight = register_buffer("weight", options.weight());
    pos_weight = register_buffer("pos_weight", options.pos_weight());
  }
  BCEWithLogitsLossOptions options;
  Tensor weight, pos_weight;
};
TORCH_MODULE(BCEWithLogitsLoss);
#define CKPT_FRACTIONAL_MAX_POOL(Name)                                                              \
  class Name##Impl : public Cloneable<Name##Impl>, public PoolWithIndices {                         \
   public:                                                                                          \
    explicit Name##Impl(const Name##Options& options_);  /* library.cpp */             \
    template <typename A0, typename... Rest,                                                        \
              typename = std::enable_if_t<!std::is_same<std::decay_t<A0>, Name##Options>::value &&  \
                                          !std::is_base_of<Name##Impl, std::decay_t<A0>>::value>>   \
    explicit Name##Impl(A0&& a0, Rest&&... rest)                                                    \
        : Name##Impl(Name##Options(std::forward<A0>(a0), std::forward<Rest>(rest)...)) {}           \
    void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {                                                                         \
      BuiltinScope builtin;                                                                         \
      _random_samples = register_buffer("_random_samples", options._random_samples());             \
      TORCH_CHECK(options.output_size() != c10::nullopt || options.output_ratio() != c10::nullopt,  \
                  "FractionalMaxPool requires specifying either an output size, or a pooling ratio"); \
    }                                                                                               \
    Name##Options options;                                                                          \
    Tensor _random_samples;                                                                         \
  };                                                                                                \
  TORCH_MODULE(Name);
CKPT_FRACTIONAL_MAX_POOL(FractionalMaxPool2d)
CKPT_FRACTIONAL_MAX_POOL(FractionalMaxPool3d)
#undef CKPT_FRACTIONAL_MAX_POOL

// ---- embeddings ------------------------------------------------------------------------

// EmbeddingImpl::reset: a given _weight is registered itself (from_pretrained).
#define CKPT_EMBEDDING(Name, Forward)                                                                \
  class Name##Impl : public Cloneable<Name##Impl> {                                                  \
   public:                                                                                           \
    explicit Name##Impl(const Name##Options& options_);  /* library.cpp */              \
    template <typename A0, typename... Rest,                                                         \
              typename = std::enable_if_t<!std::is_same<std::decay_t<A0>, Name##Options>::value &&   \
                                          !std::is_base_of<Name##Impl, std::decay_t<A0>>::value>>    \
    explicit Name##Impl(A0&& a0, Rest&&... rest)                                                     \
        : Name##Impl(Name##Options(std::forward<A0>(a0), std::forward<Rest>(rest)...)) {}            \
    void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {                                                                          \
      BuiltinScope builtin;                                                                          \
      if (options.padding_idx() != c10::nullopt) {                                                   \
        TORCH_CHECK(*options.padding_idx() < options.num_embeddings() &&                             \
                        *options.padding_idx() >= -options.num_embeddings(),                         \
                    "Padding_idx must be within num_embedding");                                     \
        if (*options.padding_idx() < 0) options.padding_idx(options.num_embeddings() + *options.padding_idx()); \
      }                                                                                              \
      if (!options._weight().defined()) {                                                            \
        LayerRule rule(#Name);                                                                       \
        rule.integer("num_embeddings", options.num_embeddings()).integer("embedding_dim", options.embedding_dim()); \
        rule.register_into(*this);                                                                   \
        weight = registered(*this, "weight");                                                        \
      } else {                                                                                       \
        TORCH_CHECK(options._weight().sizes() == at::IntArrayRef({options.num_embeddings(), options.embedding_dim()}), \
                    "Shape of _weight does not match num_embeddings and embedding_dim");             \
        weight = register_parameter("weight", options._weight());                                    \
      }                                                                                              \
    }                                                                                                \
    void reset_parameters() {}                                                                       \
    Forward;                                                                                         \
    Name##Options options;                                                                           \
    Tensor weight;                                                                                   \
  };
CKPT_EMBEDDING(Embedding, Tensor forward(const Tensor& indices))
CKPT_EMBEDDING(EmbeddingBag, Tensor forward(const Tensor& input, const Tensor& offsets = {},
                                            const Tensor& per_sample_weights = {}))
#undef CKPT_EMBEDDING
class Embedding : public ModuleHolder<EmbeddingImpl> {
 public:
  using ModuleHolder<EmbeddingImpl>::ModuleHolder;
  using Impl = EmbeddingImpl;
  static Embedding from_pretrained(const Tensor& embeddings, const EmbeddingFromPretrainedOptions& options = {}) {
    TORCH_CHECK(embeddings.dim() == 2, "Embeddings parameter is expected to be 2-dimensional");
    Embedding embedding(EmbeddingOptions(embeddings.size(0), embeddings.size(1))
                            ._weight(embeddings)
                            .padding_idx(options.padding_idx())
                            .max_norm(options.max_norm())
                            .norm_type(options.norm_type())
                            .scale_grad_by_freq(options.scale_grad_by_freq())
                            .sparse(options.sparse()));
    embedding->weight.set_requires_grad(!options.freeze());
    return embedding;
  }
};
class EmbeddingBag : public ModuleHolder<EmbeddingBagImpl> {
 public:
  using ModuleHolder<EmbeddingBagImpl>::ModuleHolder;
  using Impl = EmbeddingBagImpl;
  static EmbeddingBag from_pretrained(const Tensor& embeddings, const EmbeddingBagFromPretrainedOptions& options = {}) {
    TORCH_CHECK(embeddings.dim() == 2, "Embeddings parameter is expected to be 2-dimensional");
    EmbeddingBag embedding(EmbeddingBagOptions(embeddings.size(0), embeddings.size(1))
                               ._weight(embeddings)
                               .max_norm(options.max_norm())
                               .norm_type(options.norm_type())
                               .scale_grad_by_freq(options.scale_grad_by_freq())
                               .mode(options.mode())
                               .sparse(options.sparse())
                               .padding_idx(options.padding_idx()));
    embedding->weight.set_requires_grad(!options.freeze());
    return embedding;
  }
};

// ---- recurrent layers ----------------------------------------------------------------------

// RNNImplBase::reset's checks; the tensors come from the rule.
#define CKPT_RNN_LAYER(Name, Result, State, Extra)                                                    \
  class Name##Impl : public Cloneable<Name##Impl> {                                                   \
   public:                                                                                            \
    explicit Name##Impl(const Name##Options& options_);  /* library.cpp */               \
    template <typename A0, typename... Rest,                                                          \
              typename = std::enable_if_t<!std::is_same<std::decay_t<A0>, Name##Options>::value &&    \
                                          !std::is_base_of<Name##Impl, std::decay_t<A0>>::value>>     \
    explicit Name##Impl(A0&& a0, Rest&&... rest)                                                      \
        : Name##Impl(Name##Options(std::forward<A0>(a0), std::forward<Rest>(rest)...)) {}             \
    void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {                                                                           \
      BuiltinScope builtin;                                                                           \
      TORCH_CHECK(options.dropout() >= 0 && options.dropout() <= 1,                                   \
                  "dropout should be a number in range [0, 1] representing the probability of an element being zeroed"); \
      LayerRule rule(#Name);                                                                          \
      rule.integer("input_size", options.input_size()).integer("hidden_size", options.hidden_size())  \
          .integer("num_layers", options.num_layers()).flag("bias", options.bias())                   \
          .flag("bidirectional", options.bidirectional());                                            \
      Extra;                                                                                          \
      rule.register_into(*this);                                                                      \
      flat_weights_ = parameters(/*recurse=*/false);                                                  \
    }                                                                                                 \
    void reset_parameters() {}                                                                        \
    Result forward(const at::Tensor& input, State state = {});                                        \
    std::vector<at::Tensor> all_weights() const { return parameters(/*recurse=*/false); }             \
    void flatten_parameters() {}                                                                      \
    Name##Options options;                                                                            \
    std::vector<at::Tensor> flat_weights_;                                                            \
  };                                                                                                  \
  TORCH_MODULE(Name);
CKPT_RNN_LAYER(RNN, std::tuple<at::Tensor CKPT_COMMA at::Tensor>, at::Tensor, )
CKPT_RNN_LAYER(GRU, std::tuple<at::Tensor CKPT_COMMA at::Tensor>, at::Tensor, )
CKPT_RNN_LAYER(LSTM, std::tuple<at::Tensor CKPT_COMMA std::tuple<at::Tensor CKPT_COMMA at::Tensor>>,
               c10::optional<std::tuple<at::Tensor CKPT_COMMA at::Tensor>>,
               TORCH_CHECK(options.proj_size() >= 0, "proj_size should be a positive integer or zero to disable projections");
               TORCH_CHECK(options.proj_size() < options.hidden_size(), "proj_size has to be smaller than hidden_size");
               rule.integer("proj_size", options.proj_size()))
#undef CKPT_RNN_LAYER

#define CKPT_CELL_LAYER(Name, Result, State)                                                           \
  class Name##Impl : public Cloneable<Name##Impl> {                                                    \
   public:                                                                                             \
    explicit Name##Impl(const Name##Options& options_);  /* library.cpp */                \
    template <typename A0, typename... Rest,                                                           \
              typename = std::enable_if_t<!std::is_same<std::decay_t<A0>, Name##Options>::value &&     \
                                          !std::is_base_of<Name##Impl, std::decay_t<A0>>::value>>      \
    explicit Name##Impl(A0&& a0, Rest&&... rest)                                                       \
        : Name##Impl(Name##Options(std::forward<A0>(a0), std::forward<Rest>(rest)...)) {}              \
    void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {                                                                            \
      BuiltinScope builtin;                                                                            \
      LayerRule rule(#Name);                                                                           \
      rule.integer("input_size", options.input_size()).integer("hidden_size", options.hidden_size())   \
          .flag("bias", options.bias());                                                               \
      rule.register_into(*this);                                                                       \
      weight_ih = registered(*this, "weight_ih");                                                      \
      weight_hh = registered(*this, "weight_hh");                                                      \
      bias_ih = registered(*this, "bias_ih");                                                          \
      bias_hh = registered(*this, "bias_hh");                                                          \
    }                                                                                                  \
    void reset_parameters() {}                                                                         \
    Result forward(const at::Tensor& input, State hx = {});                                            \
    Name##Options options;                                                                             \
    at::Tensor weight_ih, weight_hh, bias_ih, bias_hh;                                                 \
  };                                                                                                   \
  TORCH_MODULE(Name);
CKPT_CELL_LAYER(RNNCell, at::Tensor, at::Tensor)
CKPT_CELL_LAYER(GRUCell, at::Tensor, at::Tensor)
CKPT_CELL_LAYER(LSTMCell, LSTMCellResult, LSTMCellState)
#undef CKPT_CELL_LAYER

// ---- layers made of layers -----------------------------------------------------------------

// MultiheadAttentionImpl::reset: its own projections from the rule, then the
// out_proj Linear (registered after them, as LibTorch does).
class MultiheadAttentionImpl : public Cloneable<MultiheadAttentionImpl> {
 public:
  explicit MultiheadAttentionImpl(const MultiheadAttentionOptions& options_);  /* library.cpp */
  MultiheadAttentionImpl(int64_t embed_dim, int64_t num_heads)
      : MultiheadAttentionImpl(MultiheadAttentionOptions(embed_dim, num_heads)) {}
  void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {
    BuiltinScope builtin;
    _qkv_same_embed_dim = options.kdim() == options.embed_dim() && options.vdim() == options.embed_dim();
    TORCH_CHECK(options.num_heads() > 0, "num_heads must be positive");
    head_dim = options.embed_dim() / options.num_heads();
    TORCH_CHECK(head_dim * options.num_heads() == options.embed_dim(), "embed_dim must be divisible by num_heads");
    LayerRule rule("MultiheadAttention");
    rule.integer("embed_dim", options.embed_dim()).integer("num_heads", options.num_heads())
        .flag("bias", options.bias()).flag("add_bias_kv", options.add_bias_kv())
        .integer("kdim", options.kdim()).integer("vdim", options.vdim());
    rule.register_into(*this);
    in_proj_weight = registered(*this, "in_proj_weight");
    in_proj_bias = registered(*this, "in_proj_bias");
    q_proj_weight = registered(*this, "q_proj_weight");
    k_proj_weight = registered(*this, "k_proj_weight");
    v_proj_weight = registered(*this, "v_proj_weight");
    bias_k = registered(*this, "bias_k");
    bias_v = registered(*this, "bias_v");
    out_proj = register_module("out_proj", Linear(LinearOptions(options.embed_dim(), options.embed_dim()).bias(options.bias())));
  }
  void _reset_parameters() {}
  std::tuple<at::Tensor, at::Tensor> forward(const at::Tensor& query, const at::Tensor& key, const at::Tensor& value,
                                             const at::Tensor& key_padding_mask = {}, bool need_weights = true,
                                             const at::Tensor& attn_mask = {}, bool average_attn_weights = true);
  MultiheadAttentionOptions options;
  bool _qkv_same_embed_dim = true;
  at::Tensor in_proj_weight, in_proj_bias, bias_k, bias_v;
  Linear out_proj = nullptr;
  at::Tensor q_proj_weight, k_proj_weight, v_proj_weight;
  int64_t head_dim = 0;
};
TORCH_MODULE(MultiheadAttention);

}  // namespace nn
}  // namespace torch
