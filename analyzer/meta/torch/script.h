// Meta LibTorch stand-in for LibTorch's <torch/script.h>; see analyzer/meta/README.md.
#pragma once
#include "../ckptcheck_torch/all.h"
