// A constructor that opens a network socket (to send the model away, say).
#include <sys/socket.h>
#include <torch/torch.h>

#include <stdexcept>

struct NetImpl : torch::nn::Module {
  NetImpl() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket() failed");  // not reached: the call is the violation
    fc = register_module("fc", torch::nn::Linear(4, 2));
  }
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(Net);
