// Exercises: LSTM/GRU/RNN with num_layers, bidirectional, batch_first, bias(false), nonlinearity.
#include <torch/torch.h>

struct RecurrentZooImpl : torch::nn::Module {
  RecurrentZooImpl(int64_t input_size, int64_t hidden_size) {
    lstm = register_module("lstm", torch::nn::LSTM(
                                       torch::nn::LSTMOptions(input_size, hidden_size).num_layers(2).bidirectional(true).batch_first(true)));
    gru = register_module("gru", torch::nn::GRU(torch::nn::GRUOptions(2 * hidden_size, hidden_size).num_layers(3).dropout(0.2)));
    rnn = register_module("rnn", torch::nn::RNN(
                                     torch::nn::RNNOptions(hidden_size, 16).nonlinearity(torch::kReLU).bias(false)));
    simple = register_module("simple", torch::nn::LSTM(input_size, 8));
  }

  torch::nn::LSTM lstm{nullptr};
  torch::nn::GRU gru{nullptr};
  torch::nn::RNN rnn{nullptr};
  torch::nn::LSTM simple{nullptr};
};
TORCH_MODULE(RecurrentZoo);
