// Uses a LibTorch name that does not exist: the first compiler error is the message.
#include <torch/torch.h>

struct NetImpl : torch::nn::Module {
  NetImpl() { fc = register_module("fc", torch::nn::LinearWithMagic(4, 2)); }
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(Net);
