// Meta LibTorch stand-in for LibTorch's <torch/cuda.h>; see analyzer/meta/README.md.
#pragma once
#include "../ckptcheck_torch/all.h"
