// Exercises: CRNN text recogniser: a VGG-like channel table with -1 / -2 meaning two kinds of MaxPool2d, a conv counter separate from the table index, kernel/padding by `conv == 6 ? 2 : 3`, BatchNorm2d only where `conv == 2 || conv == 4 || conv == 6`, "conv" + std::to_string(n) names in a Sequential, TORCH_CHECK on the image height, LSTM input from integer arithmetic, bidirectional 2-layer LSTM, Linear to num_classes.
#include <torch/torch.h>

struct CRNNImpl : torch::nn::Module {
  CRNNImpl(int64_t img_h, int64_t num_channels, int64_t num_classes, int64_t hidden_size = 256, int64_t num_layers = 2) {
    TORCH_CHECK(img_h % 16 == 0, "img_h has to be a multiple of 16");
    // -1: 2x2 max pool; -2: pool the height only (keeps horizontal resolution for the sequence)
    const std::vector<int64_t> cfg = {64, -1, 128, -1, 256, 256, -2, 512, 512, -2, 512};
    int64_t in_channels = num_channels;
    int64_t conv = 0, pool = 0;
    for (int64_t v : cfg) {
      if (v == -1) {
        cnn->push_back("pooling" + std::to_string(pool++), torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2).stride(2)));
        continue;
      }
      if (v == -2) {
        cnn->push_back("pooling" + std::to_string(pool++),
                       torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions({2, 2}).stride({2, 1}).padding({0, 1})));
        continue;
      }
      const int64_t k = conv == 6 ? 2 : 3;
      const int64_t p = conv == 6 ? 0 : 1;
      cnn->push_back("conv" + std::to_string(conv),
                     torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, v, k).stride(1).padding(p)));
      if (conv == 2 || conv == 4 || conv == 6) {
        cnn->push_back("batchnorm" + std::to_string(conv), torch::nn::BatchNorm2d(v));
      }
      cnn->push_back("relu" + std::to_string(conv), torch::nn::ReLU(torch::nn::ReLUOptions(true)));
      in_channels = v;
      ++conv;
    }
    register_module("cnn", cnn);

    // feature map height after four height-halving pools and the 2x2 valid conv
    const int64_t feat_h = img_h / 16 - 1;
    rnn = register_module("rnn", torch::nn::LSTM(torch::nn::LSTMOptions(in_channels * feat_h, hidden_size)
                                                     .num_layers(num_layers)
                                                     .bidirectional(true)));
    embedding = register_module("embedding", torch::nn::Linear(hidden_size * 2, num_classes));
  }

  // images [B, C, H, W] -> log-probabilities [T, B, num_classes] for CTC
  torch::Tensor forward(const torch::Tensor& input) {
    auto conv = cnn->forward(input);
    auto b = conv.size(0), c = conv.size(1), h = conv.size(2), w = conv.size(3);
    conv = conv.view({b, c * h, w}).permute({2, 0, 1});  // [w, b, c*h]
    auto recurrent = std::get<0>(rnn(conv));
    auto t = recurrent.size(0);
    auto output = embedding(recurrent.view({t * b, -1})).view({t, b, -1});
    return torch::log_softmax(output, 2);
  }

  torch::nn::Sequential cnn;
  torch::nn::LSTM rnn{nullptr};
  torch::nn::Linear embedding{nullptr};
};
TORCH_MODULE(CRNN);
