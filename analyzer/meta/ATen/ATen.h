// Meta LibTorch stand-in for LibTorch's <ATen/ATen.h>; see analyzer/meta/README.md.
#pragma once
#include "../ckptcheck_torch/all.h"
