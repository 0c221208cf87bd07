// A program that builds one of the two unrelated modules of encoder.cpp and
// decoder.cpp: analysed with them, the one main() builds is the root.
#include <torch/torch.h>

int main() {
  Decoder decoder;
  torch::load(decoder, "decoder.pt");
}
