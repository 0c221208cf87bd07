// One of two unrelated modules analysed together (with decoder.cpp): neither
// contains the other, so the root is ambiguous without --class.
#include <torch/torch.h>

struct EncoderImpl : torch::nn::Module {
  EncoderImpl() { proj = register_module("proj", torch::nn::Linear(16, 4)); }
  torch::nn::Linear proj{nullptr};
};
TORCH_MODULE(Encoder);
