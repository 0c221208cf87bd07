// Meta LibTorch stand-in for LibTorch's <torch/torch.h>; see analyzer/meta/README.md.
#pragma once
#include "../ckptcheck_torch/all.h"
