// Meta LibTorch stand-in for LibTorch's <torch/nn/module.h>; see analyzer/meta/README.md.
#pragma once
#include "../../ckptcheck_torch/all.h"
