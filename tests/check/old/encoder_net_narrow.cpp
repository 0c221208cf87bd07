// encoder_net.cpp as it was when its checkpoint was saved: the encoder was
// 24 wide (EncoderOptions::width), everything else the same.
#include <torch/torch.h>

struct EncoderOptions {
  int64_t width = 24;
  int64_t depth = 2;
};

struct EncoderNetOptions {
  int64_t in_features = 12;
  EncoderOptions encoder;
  int64_t num_classes = 5;
};

struct EncoderNetImpl : torch::nn::Module {
  explicit EncoderNetImpl(const EncoderNetOptions& cfg = {}) {
    int64_t features = cfg.in_features;
    for (int64_t i = 0; i < cfg.encoder.depth; ++i) {
      layers->push_back(torch::nn::Linear(features, cfg.encoder.width));
      layers->push_back(torch::nn::ReLU());
      features = cfg.encoder.width;
    }
    register_module("layers", layers);
    head = register_module("head", torch::nn::Linear(features, cfg.num_classes));
  }

  torch::Tensor forward(torch::Tensor x) { return head(layers->forward(x)); }

  torch::nn::Sequential layers;
  torch::nn::Linear head{nullptr};
};
TORCH_MODULE(EncoderNet);
