// Exercises: out-of-line constructor definition (SplitNetImpl::SplitNetImpl) for the class declared in split_model.h.
#include "split_model.h"

SplitNetImpl::SplitNetImpl(int64_t in_channels, int64_t num_classes, bool use_dropout) {
  conv1_ = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, kWidth, 3).padding(1)));
  bn1_ = register_module("bn1", torch::nn::BatchNorm2d(kWidth));
  conv2_ = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(kWidth, 2 * kWidth, 3).stride(2)));
  dropout_ = register_module("dropout", torch::nn::Dropout(use_dropout ? 0.5 : 0.0));
  fc_ = register_module("fc", torch::nn::Linear(2 * kWidth, num_classes));
  class_bias_ = register_buffer("class_bias", torch::zeros({num_classes}));
}

torch::Tensor SplitNetImpl::forward(torch::Tensor x) {
  x = torch::relu(bn1_(conv1_(x)));
  x = torch::relu(conv2_(x));
  x = torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
  return fc_(dropout_(x)) + class_bias_;
}
