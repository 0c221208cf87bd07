// Exercises: class declared in a header, constructor defined out of line in split_model.cpp.
#pragma once

#include <torch/torch.h>

class SplitNetImpl : public torch::nn::Module {
 public:
  SplitNetImpl(int64_t in_channels, int64_t num_classes, bool use_dropout = true);

  torch::Tensor forward(torch::Tensor x);

 private:
  static constexpr int64_t kWidth = 32;

  torch::nn::Conv2d conv1_{nullptr};
  torch::nn::BatchNorm2d bn1_{nullptr};
  torch::nn::Conv2d conv2_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
  torch::nn::Linear fc_{nullptr};
  torch::Tensor class_bias_;
};
TORCH_MODULE(SplitNet);
