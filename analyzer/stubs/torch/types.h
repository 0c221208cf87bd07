// Bundled stand-in for LibTorch's <torch/types.h>; see analyzer/stubs/README.md.
#pragma once
#include "../ckptcheck_torch/all.h"
