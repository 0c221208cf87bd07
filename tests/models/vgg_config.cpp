// Exercises: VGG built from a configuration table (-1 means max pool) by a range-for over a
// std::vector, Sequential push_back in a loop (parameter-free members still take a number),
// a bool root arg choosing BatchNorm, a classifier with a computed input size.
#include <torch/torch.h>

struct VggImpl : torch::nn::Module {
  VggImpl(std::vector<int64_t> cfg, bool batch_norm, int64_t num_classes = 10) {
    torch::nn::Sequential layers;
    int64_t in_channels = 3;
    for (int64_t v : cfg) {
      if (v == -1) {
        layers->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2).stride(2)));
        continue;
      }
      layers->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, v, 3).padding(1)));
      if (batch_norm) layers->push_back(torch::nn::BatchNorm2d(v));
      layers->push_back(torch::nn::ReLU(torch::nn::ReLUOptions(true)));
      in_channels = v;
    }
    features = register_module("features", layers);
    classifier = register_module("classifier", torch::nn::Sequential(
                                                   torch::nn::Linear(in_channels * 2 * 2, 64),
                                                   torch::nn::ReLU(),
                                                   torch::nn::Dropout(0.5),
                                                   torch::nn::Linear(64, num_classes)));
  }

  torch::Tensor forward(torch::Tensor x) {
    x = features->forward(x);
    x = torch::adaptive_avg_pool2d(x, {2, 2}).flatten(1);
    return classifier->forward(x);
  }

  torch::nn::Sequential features{nullptr}, classifier{nullptr};
};
TORCH_MODULE(Vgg);
