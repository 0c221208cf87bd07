// Exercises: register_buffer with many dtypes (int64/int32/uint8/bool/float64/float16/bfloat16), arange/full/linspace, and a buffer-only BatchNorm.
#include <torch/torch.h>

struct FeatureStatsImpl : torch::nn::Module {
  explicit FeatureStatsImpl(int64_t num_features) {
    count = register_buffer("count", torch::zeros({1}, torch::kLong));
    histogram = register_buffer("histogram", torch::zeros({num_features, 16}, torch::kInt32));
    lookup = register_buffer("lookup", torch::arange(256, torch::kUInt8));
    valid = register_buffer("valid", torch::ones({num_features}, torch::kBool));
    mean = register_buffer("mean", torch::zeros({num_features}, torch::dtype(torch::kFloat64)));
    scale = register_buffer("scale", torch::full({num_features}, 1.0, torch::TensorOptions().dtype(torch::kHalf)));
    bins = register_buffer("bins", torch::linspace(0.0, 1.0, 17));
    coarse = register_buffer("coarse", torch::zeros({4, num_features}, torch::kBFloat16));
    norm = register_module("norm", torch::nn::BatchNorm1d(torch::nn::BatchNorm1dOptions(num_features).affine(false)));
  }

  torch::Tensor count, histogram, lookup, valid, mean, scale, bins, coarse;
  torch::nn::BatchNorm1d norm{nullptr};
};
TORCH_MODULE(FeatureStats);
