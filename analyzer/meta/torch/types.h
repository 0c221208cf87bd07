// Meta LibTorch stand-in for LibTorch's <torch/types.h>; see analyzer/meta/README.md.
#pragma once
#include "../ckptcheck_torch/all.h"
