// The configuration of config_net.cpp, in a header as projects keep it: a
// struct whose member initialisers are the defaults, one of them a constant.
#pragma once

#include <torch/torch.h>

constexpr int64_t kNumClasses = 10;

struct ConfigNetOptions {
  int64_t in_features = 24;
  int64_t base_width = 32;
  int64_t num_classes = kNumClasses;
  bool use_norm = true;
};
