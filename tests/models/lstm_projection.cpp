// Exercises: LSTM with proj_size (weight_hr_l*), combined with bidirectional and multiple layers.
#include <torch/torch.h>

struct SpeechEncoderImpl : torch::nn::Module {
  SpeechEncoderImpl() {
    frontend = register_module("frontend", torch::nn::Linear(80, 256));
    lstm = register_module("lstm", torch::nn::LSTM(
                                       torch::nn::LSTMOptions(256, 512).num_layers(2).proj_size(128).bidirectional(true)));
    single = register_module("single", torch::nn::LSTM(torch::nn::LSTMOptions(256, 64).proj_size(32).bias(false)));
  }

  torch::nn::Linear frontend{nullptr};
  torch::nn::LSTM lstm{nullptr};
  torch::nn::LSTM single{nullptr};
};
TORCH_MODULE(SpeechEncoder);
