// Bundled stand-in for LibTorch's <torch/jit.h>; see analyzer/stubs/README.md.
#pragma once
#include "../ckptcheck_torch/all.h"
