// A constructor that writes a file next to the model.
#include <torch/torch.h>

#include <cstdlib>
#include <fstream>

struct NetImpl : torch::nn::Module {
  NetImpl() {
    std::ofstream out(std::getenv("CKPTCHECK_TEST_TARGET"));
    out << "written by the model\n";
    fc = register_module("fc", torch::nn::Linear(4, 2));
  }
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(Net);
