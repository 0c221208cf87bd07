// A constructor that allocates 100 GB and touches it.
#include <torch/torch.h>

#include <cstring>
#include <memory>

struct NetImpl : torch::nn::Module {
  NetImpl() {
    constexpr size_t bytes = size_t{100} << 30;
    std::unique_ptr<char[]> block(new char[bytes]);
    std::memset(block.get(), 1, bytes);
    fc = register_module("fc", torch::nn::Linear(4, 2));
  }
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(Net);
