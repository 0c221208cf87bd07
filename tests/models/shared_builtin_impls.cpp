// Exercises: members declared as std::shared_ptr of built-in Impl types, built with std::make_shared and options, then registered.
#include <torch/torch.h>

struct PointNetLiteImpl : torch::nn::Module {
  explicit PointNetLiteImpl(int64_t num_points) {
    conv1 = std::make_shared<torch::nn::Conv1dImpl>(torch::nn::Conv1dOptions(3, 64, 1));
    conv2 = std::make_shared<torch::nn::Conv1dImpl>(torch::nn::Conv1dOptions(64, 128, 1));
    bn1 = std::make_shared<torch::nn::BatchNorm1dImpl>(64);
    bn2 = std::make_shared<torch::nn::BatchNorm1dImpl>(torch::nn::BatchNorm1dOptions(128));
    pool = std::make_shared<torch::nn::MaxPool1dImpl>(torch::nn::MaxPool1dOptions(num_points));
    fc = std::make_shared<torch::nn::LinearImpl>(torch::nn::LinearOptions(128, 40));
    register_module("conv1", conv1);
    register_module("bn1", bn1);
    register_module("conv2", conv2);
    register_module("bn2", bn2);
    register_module("pool", pool);
    register_module("fc", fc);
  }

  std::shared_ptr<torch::nn::Conv1dImpl> conv1, conv2;
  std::shared_ptr<torch::nn::BatchNorm1dImpl> bn1, bn2;
  std::shared_ptr<torch::nn::MaxPool1dImpl> pool;
  std::shared_ptr<torch::nn::LinearImpl> fc;
};
TORCH_MODULE(PointNetLite);
