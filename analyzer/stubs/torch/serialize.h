// Bundled stand-in for LibTorch's <torch/serialize.h>; see analyzer/stubs/README.md.
#pragma once
#include "../ckptcheck_torch/all.h"
