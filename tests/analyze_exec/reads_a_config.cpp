// A constructor that reads its width from a config file: allowed, and reported.
#include <torch/torch.h>

#include <cstdlib>
#include <fstream>

struct NetImpl : torch::nn::Module {
  NetImpl() {
    int64_t width = 0;
    std::ifstream config(std::getenv("CKPTCHECK_TEST_CONFIG"));
    config >> width;
    fc = register_module("fc", torch::nn::Linear(width, 2));
  }
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(Net);
