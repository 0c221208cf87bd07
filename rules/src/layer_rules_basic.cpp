// Layer rules for the feed-forward layers: linear, convolution, normalization,
// embedding, PReLU, adaptive softmax, the losses and pooling layers whose Tensor
// options become buffers, and every layer that owns nothing. Facts cited are
// from LibTorch 1.13's torch/csrc/api/src/nn/modules/*.cpp.
#include <cmath>

#include "layer_rules_support.h"

namespace ckptcheck::layer_rules {
namespace {

std::variant<Entries, std::string> none(const LayerOptions&) { return Entries{}; }

Entries linear(const LayerOptions& o) {
  return linear_entries(dim(o, "in_features"), dim(o, "out_features"), flag(o, "bias", true));
}

Entries bilinear(const LayerOptions& o) {
  DimExpr out = dim(o, "out_features");
  Entries e{param("weight", {out, dim(o, "in1_features"), dim(o, "in2_features")})};
  if (flag(o, "bias", true)) e.push_back(param("bias", {out}));
  return e;
}

// ConvNdImpl::reset (conv.h): weight [out, in/groups, k...], or for transposed
// convolutions [in, out/groups, k...]; bias [out] either way.
template <size_t D, bool Transposed>
Entries conv(const LayerOptions& o) {
  DimExpr in = dim(o, "in_channels"), out = dim(o, "out_channels"), groups = dim(o, "groups", 1);
  Shape weight = Transposed ? Shape{in, out / groups} : Shape{out, in / groups};
  for (const DimExpr& k : expanding(o, "kernel_size", D)) weight.push_back(k);
  Entries e{param("weight", weight)};
  if (flag(o, "bias", true)) e.push_back(param("bias", {out}));
  return e;
}

// BatchNorm and InstanceNorm share NormImplBase (batchnorm.h): weight, bias,
// then running_mean, running_var and the int64 scalar num_batches_tracked.
Entries norm_entries(const LayerOptions& o, bool default_flags) {
  DimExpr n = dim(o, "num_features");
  Entries e;
  if (flag(o, "affine", default_flags)) e = {param("weight", {n}), param("bias", {n})};
  if (flag(o, "track_running_stats", default_flags)) {
    e.push_back(buffer("running_mean", {n}));
    e.push_back(buffer("running_var", {n}));
    e.push_back(buffer("num_batches_tracked", {}, "int64"));
  }
  return e;
}

Entries batch_norm(const LayerOptions& o) { return norm_entries(o, true); }
// InstanceNormOptions defaults affine and track_running_stats to false (instancenorm.h).
Entries instance_norm(const LayerOptions& o) { return norm_entries(o, false); }

Entries layer_norm(const LayerOptions& o) {
  return layer_norm_entries(list(o, "normalized_shape"), flag(o, "elementwise_affine", true));
}

Entries group_norm(const LayerOptions& o) {
  dim(o, "num_groups");  // required, though no shape depends on it
  DimExpr c = dim(o, "num_channels");
  if (!flag(o, "affine", true)) return {};
  return {param("weight", {c}), param("bias", {c})};
}

// Embedding::from_pretrained(t) builds EmbeddingOptions(t.size(0), t.size(1))
// with _weight = t (embedding.cpp): the same single "weight" parameter, with
// requires_grad off when frozen. padding_idx only zeroes a row.
Entries embedding(const LayerOptions& o) {
  return {param("weight", {dim(o, "num_embeddings"), dim(o, "embedding_dim")})};
}

Entries prelu(const LayerOptions& o) { return {param("weight", {dim(o, "num_parameters", 1)})}; }

// int64_t(in_features / pow(div_value, power)), as adaptive.cpp sizes a cluster.
// With in_features symbolic this is an integer expression only for a whole-number divisor.
DimExpr cluster_size(const LayerOptions& o, const DimExpr& in, int64_t power) {
  double div = 4.0;  // AdaptiveLogSoftmaxWithLossOptions' default
  if (const OptionValue* v = find(o, "div_value")) {
    if (auto* d = std::get_if<double>(v)) div = *d;
    else if (auto* i = std::get_if<DimExpr>(v); i && i->constant()) div = double(*i->constant());
    else fail("div_value is " + describe(*v) + ", not a number");
  }
  double scale = std::pow(div, double(power));
  if (auto c = in.constant()) return int64_t(double(*c) / scale);
  if (scale < 1 || scale > 1e15 || scale != std::floor(scale))
    fail("in_features is " + in.to_string() + " and div_value is not a whole number, so cluster sizes are unknown");
  return in / int64_t(scale);
}

// AdaptiveLogSoftmaxWithLossImpl (adaptive.cpp): head is Linear(in, cutoffs[0] +
// clusters); cluster i is tail.i, a Sequential of two bias-free Linears.
Entries adaptive_log_softmax(const LayerOptions& o) {
  DimExpr in = dim(o, "in_features");
  Shape cutoffs = list(o, "cutoffs");
  if (cutoffs.empty()) fail("cutoffs is empty");
  cutoffs.push_back(dim(o, "n_classes"));
  int64_t clusters = int64_t(cutoffs.size()) - 1;
  Entries out;
  append(out, "head", linear_entries(in, cutoffs[0] + clusters, flag(o, "head_bias", false)));
  for (int64_t i = 0; i < clusters; ++i) {
    DimExpr hidden = cluster_size(o, in, i + 1);
    Entries projection;
    append(projection, "0", linear_entries(in, hidden, false));
    append(projection, "1", linear_entries(hidden, cutoffs[i + 1] - cutoffs[i], false));
    append(out, "tail." + std::to_string(i), projection);
  }
  return out;
}

// A Tensor option registered as a buffer; an undefined one (the default) is
// registered too but named_buffers() skips it. The analyzer gives a defined
// tensor as its shape; the dtype is taken to be float32.
void tensor_option(Entries& out, const LayerOptions& o, const std::string& name) {
  const OptionValue* v = find(o, name);
  if (!v) return;
  auto* shape = std::get_if<Shape>(v);
  if (!shape) fail(name + " is a tensor of unknown shape (" + describe(*v) + ")");
  out.push_back(buffer(name, *shape));
}

// loss.cpp: NLLLoss, CrossEntropyLoss, BCELoss, MultiMarginLoss and
// MultiLabelSoftMarginLoss register "weight"; BCEWithLogitsLoss also "pos_weight".
Entries weighted_loss(const LayerOptions& o) {
  Entries e;
  tensor_option(e, o, "weight");
  return e;
}

Entries bce_with_logits_loss(const LayerOptions& o) {
  Entries e;
  tensor_option(e, o, "weight");
  tensor_option(e, o, "pos_weight");
  return e;
}

// FractionalMaxPoolNdImpl::reset (pooling.cpp) registers the _random_samples option.
Entries fractional_max_pool(const LayerOptions& o) {
  Entries e;
  tensor_option(e, o, "_random_samples");
  return e;
}

}  // namespace

std::vector<LayerRule> basic_rules() {
  return {
      {"Linear", {"in_features", "out_features"}, guarded<linear>},
      {"Bilinear", {"in1_features", "in2_features", "out_features"}, guarded<bilinear>},
      {"Conv1d", {"in_channels", "out_channels", "kernel_size"}, guarded<conv<1, false>>},
      {"Conv2d", {"in_channels", "out_channels", "kernel_size"}, guarded<conv<2, false>>},
      {"Conv3d", {"in_channels", "out_channels", "kernel_size"}, guarded<conv<3, false>>},
      {"ConvTranspose1d", {"in_channels", "out_channels", "kernel_size"}, guarded<conv<1, true>>},
      {"ConvTranspose2d", {"in_channels", "out_channels", "kernel_size"}, guarded<conv<2, true>>},
      {"ConvTranspose3d", {"in_channels", "out_channels", "kernel_size"}, guarded<conv<3, true>>},
      {"BatchNorm1d", {"num_features"}, guarded<batch_norm>},
      {"BatchNorm2d", {"num_features"}, guarded<batch_norm>},
      {"BatchNorm3d", {"num_features"}, guarded<batch_norm>},
      {"InstanceNorm1d", {"num_features"}, guarded<instance_norm>},
      {"InstanceNorm2d", {"num_features"}, guarded<instance_norm>},
      {"InstanceNorm3d", {"num_features"}, guarded<instance_norm>},
      {"LayerNorm", {"normalized_shape"}, guarded<layer_norm>},
      {"GroupNorm", {"num_groups", "num_channels"}, guarded<group_norm>},
      {"Embedding", {"num_embeddings", "embedding_dim"}, guarded<embedding>},
      {"EmbeddingBag", {"num_embeddings", "embedding_dim"}, guarded<embedding>},
      {"PReLU", {}, guarded<prelu>},
      {"AdaptiveLogSoftmaxWithLoss", {"in_features", "n_classes", "cutoffs"}, guarded<adaptive_log_softmax>},
      {"NLLLoss", {}, guarded<weighted_loss>},
      {"CrossEntropyLoss", {}, guarded<weighted_loss>},
      {"BCELoss", {}, guarded<weighted_loss>},
      {"MultiMarginLoss", {}, guarded<weighted_loss>},
      {"MultiLabelSoftMarginLoss", {}, guarded<weighted_loss>},
      {"BCEWithLogitsLoss", {}, guarded<bce_with_logits_loss>},
      {"FractionalMaxPool2d", {"kernel_size"}, guarded<fractional_max_pool>},
      {"FractionalMaxPool3d", {"kernel_size"}, guarded<fractional_max_pool>},
  };
}

// Positional names are the options constructors' (ReLUOptions(inplace), DropoutOptions(p)).
std::vector<LayerRule> stateless_rules() {
  std::vector<LayerRule> rules = {
      // normalization.cpp: both compute from their input only.
      {"LocalResponseNorm", {"size"}, none}, {"CrossMapLRN2d", {"size"}, none},
      {"Identity", {}, none}, {"Flatten", {}, none}, {"Unflatten", {"dim", "sizes"}, none},
      {"Fold", {"output_size", "kernel_size"}, none}, {"Unfold", {"kernel_size"}, none},
      {"PixelShuffle", {"upscale_factor"}, none}, {"PixelUnshuffle", {"downscale_factor"}, none},
      {"Upsample", {}, none}, {"CosineSimilarity", {}, none}, {"PairwiseDistance", {}, none},
      {"ReLU", {"inplace"}, none}, {"ReLU6", {"inplace"}, none}, {"SELU", {"inplace"}, none},
      {"GLU", {"dim"}, none}, {"Hardshrink", {"lambda"}, none}, {"Softshrink", {"lambda"}, none},
      {"Threshold", {"threshold", "value"}, none},
      {"Softmax", {"dim"}, none}, {"Softmin", {"dim"}, none}, {"LogSoftmax", {"dim"}, none},
      {"LPPool1d", {"norm_type", "kernel_size"}, none}, {"LPPool2d", {"norm_type", "kernel_size"}, none},
      {"ConstantPad1d", {"padding", "value"}, none}, {"ConstantPad2d", {"padding", "value"}, none},
      {"ConstantPad3d", {"padding", "value"}, none},
  };
  for (std::string_view name : {"LeakyReLU", "RReLU", "ELU", "CELU", "GELU", "SiLU", "Mish", "Sigmoid", "LogSigmoid",
                                "Tanh", "Tanhshrink", "Hardtanh", "Softplus", "Softsign", "Softmax2d",
                                "HingeEmbeddingLoss", "CosineEmbeddingLoss", "MarginRankingLoss", "TripletMarginLoss",
                                "TripletMarginWithDistanceLoss", "PoissonNLLLoss", "CTCLoss"})
    rules.push_back({name, {}, none});
  for (std::string_view name : {"Dropout", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout"})
    rules.push_back({name, {"p"}, none});
  for (std::string_view name : {"MaxPool1d", "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d",
                                "MaxUnpool1d", "MaxUnpool2d", "MaxUnpool3d"})
    rules.push_back({name, {"kernel_size"}, none});
  for (std::string_view name : {"AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AdaptiveMaxPool3d", "AdaptiveAvgPool1d",
                                "AdaptiveAvgPool2d", "AdaptiveAvgPool3d"})
    rules.push_back({name, {"output_size"}, none});
  for (std::string_view name : {"ReflectionPad1d", "ReflectionPad2d", "ReflectionPad3d", "ReplicationPad1d",
                                "ReplicationPad2d", "ReplicationPad3d", "ZeroPad2d"})
    rules.push_back({name, {"padding"}, none});
  // The losses whose options constructor takes the reduction (TORCH_OPTIONS_CTOR_VARIANT_ARG3 in loss.h).
  for (std::string_view name : {"L1Loss", "MSELoss", "KLDivLoss", "SmoothL1Loss", "HuberLoss", "SoftMarginLoss",
                                "MultiLabelMarginLoss"})
    rules.push_back({name, {"reduction"}, none});
  return rules;
}

}  // namespace ckptcheck::layer_rules
