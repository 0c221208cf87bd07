// Exercises: torchvision-style VGG: a static std::unordered_map<char, std::vector<int>> cfgs table read as cfgs['B'] (-1 means max pool), a free makeLayers() helper returning a Sequential with Functional(relu_), a VGGImpl base whose subclasses pick the table row in their mem-initialiser, an init loop over modules().
#include <torch/torch.h>

inline torch::Tensor relu_(const torch::Tensor& x) { return x.relu_(); }

static std::unordered_map<char, std::vector<int>> cfgs = {
    {'A', {16, -1, 32, -1, 64, 64, -1, 128, 128, -1}},
    {'B', {16, 16, -1, 32, 32, -1, 64, 64, -1, 128, 128, -1}},
    {'D', {16, 16, -1, 32, 32, -1, 64, 64, 64, -1, 128, 128, 128, -1}},
};

torch::nn::Sequential makeLayers(const std::vector<int>& cfg, bool batch_norm = false) {
  torch::nn::Sequential seq;
  auto channels = 3;

  for (const auto& V : cfg) {
    if (V <= -1)
      seq->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2).stride(2)));
    else {
      seq->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, V, 3).padding(1)));

      if (batch_norm)
        seq->push_back(torch::nn::BatchNorm2d(V));
      seq->push_back(torch::nn::Functional(relu_));

      channels = V;
    }
  }

  return seq;
}

struct VGGImpl : torch::nn::Module {
  torch::nn::Sequential features{nullptr}, classifier{nullptr};
  torch::nn::AdaptiveAvgPool2d avgpool{nullptr};

  void _initialize_weights() {
    for (auto& module : modules(/*include_self=*/false)) {
      if (auto M = dynamic_cast<torch::nn::Conv2dImpl*>(module.get())) {
        torch::nn::init::kaiming_normal_(M->weight, /*a=*/0, torch::kFanOut, torch::kReLU);
        torch::nn::init::constant_(M->bias, 0);
      } else if (auto M = dynamic_cast<torch::nn::BatchNorm2dImpl*>(module.get())) {
        torch::nn::init::constant_(M->weight, 1);
        torch::nn::init::constant_(M->bias, 0);
      } else if (auto M = dynamic_cast<torch::nn::LinearImpl*>(module.get())) {
        torch::nn::init::normal_(M->weight, 0, 0.01);
        torch::nn::init::constant_(M->bias, 0);
      }
    }
  }

  VGGImpl(const torch::nn::Sequential& features, int64_t num_classes = 1000, bool initialize_weights = true) {
    classifier = torch::nn::Sequential(
        torch::nn::Linear(128 * 2 * 2, 256),
        torch::nn::Functional(relu_),
        torch::nn::Dropout(),
        torch::nn::Linear(256, 256),
        torch::nn::Functional(relu_),
        torch::nn::Dropout(),
        torch::nn::Linear(256, num_classes));

    avgpool = torch::nn::AdaptiveAvgPool2d(torch::nn::AdaptiveAvgPool2dOptions({2, 2}));

    this->features = features;

    register_module("features", this->features);
    register_module("avgpool", avgpool);
    register_module("classifier", classifier);

    if (initialize_weights)
      _initialize_weights();
  }

  torch::Tensor forward(torch::Tensor x) {
    x = features->forward(x);
    x = avgpool(x);
    x = x.view({x.size(0), -1});
    return classifier->forward(x);
  }
};

struct VGG11Impl : VGGImpl {
  VGG11Impl(int64_t num_classes = 1000, bool initialize_weights = true)
      : VGGImpl(makeLayers(cfgs['A']), num_classes, initialize_weights) {}
};

struct VGG13BNImpl : VGGImpl {
  VGG13BNImpl(int64_t num_classes = 1000, bool initialize_weights = true)
      : VGGImpl(makeLayers(cfgs['B'], true), num_classes, initialize_weights) {}
};

TORCH_MODULE(VGG11);
TORCH_MODULE(VGG13BN);
