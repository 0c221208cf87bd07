// A model whose result depends on a header it includes and on a file its
// constructor reads: what the analysis cache must watch.
#include <torch/torch.h>

#include <cstdlib>
#include <fstream>

#include "widths.h"

struct NetImpl : torch::nn::Module {
  explicit NetImpl(int64_t classes = 3) {
    int64_t in = 0;
    std::ifstream config(std::getenv("CKPTCHECK_TEST_CONFIG"));
    config >> in;
    fc1 = register_module("fc1", torch::nn::Linear(in, kHidden));
    fc2 = register_module("fc2", torch::nn::Linear(kHidden, classes));
  }
  torch::nn::Linear fc1{nullptr}, fc2{nullptr};
};
TORCH_MODULE(Net);
