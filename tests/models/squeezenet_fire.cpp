// Exercises: torchvision SqueezeNet: Fire modules (squeeze 1x1, expand1x1, expand3x3 plus registered activations), a std::string version argument ("1_0"/"1_1") chosen with if/else if/else throw, features Sequentials with MaxPool entries (ceil_mode), a final_conv member also pushed into the classifier Sequential (registered once, under the Sequential), an init loop over modules().
#include <torch/torch.h>

struct FireImpl : torch::nn::Module {
  FireImpl(int64_t inplanes, int64_t squeeze_planes, int64_t expand1x1_planes, int64_t expand3x3_planes)
      : squeeze(torch::nn::Conv2dOptions(inplanes, squeeze_planes, 1)),
        expand1x1(torch::nn::Conv2dOptions(squeeze_planes, expand1x1_planes, 1)),
        expand3x3(torch::nn::Conv2dOptions(squeeze_planes, expand3x3_planes, 3).padding(1)) {
    register_module("squeeze", squeeze);
    register_module("squeeze_activation", squeeze_activation);
    register_module("expand1x1", expand1x1);
    register_module("expand1x1_activation", expand1x1_activation);
    register_module("expand3x3", expand3x3);
    register_module("expand3x3_activation", expand3x3_activation);
  }

  torch::Tensor forward(torch::Tensor x) {
    x = squeeze_activation(squeeze(x));
    return torch::cat({expand1x1_activation(expand1x1(x)), expand3x3_activation(expand3x3(x))}, 1);
  }

  torch::nn::Conv2d squeeze, expand1x1, expand3x3;
  torch::nn::ReLU squeeze_activation{torch::nn::ReLUOptions(true)};
  torch::nn::ReLU expand1x1_activation{torch::nn::ReLUOptions(true)};
  torch::nn::ReLU expand3x3_activation{torch::nn::ReLUOptions(true)};
};
TORCH_MODULE(Fire);

struct SqueezeNetImpl : torch::nn::Module {
  int64_t num_classes;
  torch::nn::Sequential features{nullptr}, classifier{nullptr};

  explicit SqueezeNetImpl(const std::string& version = "1_0", int64_t num_classes = 1000, double dropout = 0.5)
      : num_classes(num_classes) {
    using Pool = torch::nn::MaxPool2d;
    auto pool_options = torch::nn::MaxPool2dOptions(3).stride(2).ceil_mode(true);

    if (version == "1_0") {
      features = torch::nn::Sequential(
          torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 96, 7).stride(2)),
          torch::nn::ReLU(torch::nn::ReLUOptions(true)),
          Pool(pool_options),
          Fire(96, 16, 64, 64),
          Fire(128, 16, 64, 64),
          Fire(128, 32, 128, 128),
          Pool(pool_options),
          Fire(256, 32, 128, 128),
          Fire(256, 48, 192, 192),
          Fire(384, 48, 192, 192),
          Fire(384, 64, 256, 256),
          Pool(pool_options),
          Fire(512, 64, 256, 256));
    } else if (version == "1_1") {
      features = torch::nn::Sequential(
          torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 64, 3).stride(2)),
          torch::nn::ReLU(torch::nn::ReLUOptions(true)),
          Pool(pool_options),
          Fire(64, 16, 64, 64),
          Fire(128, 16, 64, 64),
          Pool(pool_options),
          Fire(128, 32, 128, 128),
          Fire(256, 32, 128, 128),
          Pool(pool_options),
          Fire(256, 48, 192, 192),
          Fire(384, 48, 192, 192),
          Fire(384, 64, 256, 256),
          Fire(512, 64, 256, 256));
    } else {
      throw std::runtime_error("Unsupported SqueezeNet version " + version + ": 1_0 or 1_1 expected");
    }

    // Final convolution is initialized differently from the rest
    auto final_conv = torch::nn::Conv2d(torch::nn::Conv2dOptions(512, num_classes, 1));

    classifier = torch::nn::Sequential(
        torch::nn::Dropout(torch::nn::DropoutOptions(dropout)),
        final_conv,
        torch::nn::ReLU(torch::nn::ReLUOptions(true)),
        torch::nn::AdaptiveAvgPool2d(torch::nn::AdaptiveAvgPool2dOptions(1)));

    features = register_module("features", features);
    classifier = register_module("classifier", classifier);

    for (auto& module : modules(/*include_self=*/false))
      if (auto M = dynamic_cast<torch::nn::Conv2dImpl*>(module.get())) {
        if (M == final_conv.get())
          torch::nn::init::normal_(M->weight, 0.0, 0.01);
        else
          torch::nn::init::kaiming_uniform_(M->weight);
        if (M->options.bias()) torch::nn::init::constant_(M->bias, 0);
      }
  }

  torch::Tensor forward(torch::Tensor x) {
    x = features->forward(x);
    x = classifier->forward(x);
    return x.view({x.size(0), num_classes});
  }
};
TORCH_MODULE(SqueezeNet);
