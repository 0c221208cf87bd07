// A constructor that tries to start a program: system() must be stopped before
// the shell runs, so the file it would create never appears.
#include <torch/torch.h>

#include <cstdlib>
#include <string>

struct NetImpl : torch::nn::Module {
  NetImpl() {
    std::string command = "touch " + std::string(std::getenv("CKPTCHECK_TEST_TARGET"));
    std::system(command.c_str());
    fc = register_module("fc", torch::nn::Linear(4, 2));
  }
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(Net);
