// Exercises: LSTMCell, GRUCell, RNNCell (with bias(false) and nonlinearity options).
#include <torch/torch.h>

struct CellDecoderImpl : torch::nn::Module {
  CellDecoderImpl(int64_t input_size, int64_t hidden_size) {
    lstm_cell = register_module("lstm_cell", torch::nn::LSTMCell(input_size, hidden_size));
    gru_cell = register_module("gru_cell", torch::nn::GRUCell(torch::nn::GRUCellOptions(hidden_size, hidden_size).bias(false)));
    rnn_cell = register_module("rnn_cell", torch::nn::RNNCell(
                                               torch::nn::RNNCellOptions(hidden_size, 32).nonlinearity(torch::kReLU)));
    out = register_module("out", torch::nn::Linear(32, input_size));
  }

  torch::nn::LSTMCell lstm_cell{nullptr};
  torch::nn::GRUCell gru_cell{nullptr};
  torch::nn::RNNCell rnn_cell{nullptr};
  torch::nn::Linear out{nullptr};
};
TORCH_MODULE(CellDecoder);
