// Bundled stand-in for LibTorch's <ATen/ATen.h>; see analyzer/stubs/README.md.
#pragma once
#include "../ckptcheck_torch/all.h"
